// Stop words the embedder keeps because they tell sibling requests apart: "turn the lights on" vs "off",
// "alarm is not set" vs "alarm is set". The cluster labels still drop them (they name no topic).
// English only: Russian negation «не» is in most tickets, and Russian marks on/off with verb prefixes
// («включить»/«выключить») that the content words already carry; adding «не»/«как» measured worse.
// Question words stay out: support tickets pad requests with "what should I do?", "how can I ...",
// which groups tickets by phrasing instead of topic (measured: Bitext ARI fell sharply).

// Negations, contracted forms included, fold to one token: "doesn't work" ≈ "not working".
const NEGATIONS = `not no nor cannot can't cant don't dont doesn't doesnt didn't didnt isn't isnt aren't arent
wasn't wasnt weren't won't wont wouldn't couldn't shouldn't haven't hasn't hadn't mustn't shan't`;

// Particles and prepositions that flip or direct an action ("turn off", "sign up", "log out").
const PARTICLES = `on off up down out in over into from before after again`;

// \u0001 marks the tokens so they never hash like a stemmed content word.
const INTENT_TOKENS: ReadonlyMap<string, string> = new Map([
  ...NEGATIONS.split(/\s+/).map((w): [string, string] => [w, '\u0001not']),
  ...PARTICLES.split(/\s+/).map((w): [string, string] => [w, `\u0001${w}`]),
]);

/** The word feature of a lower-cased stop word that carries intent, or undefined for every other word. */
export function intentToken(word: string): string | undefined {
  return INTENT_TOKENS.get(word);
}
