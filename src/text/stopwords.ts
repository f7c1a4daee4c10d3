// Function words that carry no topic. Shared by the lexical embedder and the cluster labels.
const ENGLISH = `a about above after again against all am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's
i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off on once
only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than
that that's the their theirs them themselves then there there's these they they'd they'll they're they've this those
through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's
which while who who's whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself
yourselves also just will would shall may might must get got please hi hello hey thanks thank regards dear ok okay
im ive dont cant wont didnt doesnt isnt arent wasnt id ill youre theyre thats whats hes shes us yes yeah`;

const RUSSIAN = `а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее её
если есть еще ещё же за здесь и из или им их к как ко когда кто ли либо мне может мы на над надо наш не него нее неё нет ни
них но ну о об однако он она они оно от очень по под при с со так также такой там те тем то того тоже той только том ты у
уже хотя чего чей чем что чтобы чье чья эта эти это я мой моя мое моё мои меня мной свой своя свое своё свои себя себе
этот этого этой этом этих тот та тех тому нам нами ним ними ней нём нем него всё всем всеми вами ваш ваша ваше ваши
был будет будут бывает ж бы ведь вон вообще всегда иногда сейчас теперь тогда потом пожалуйста здравствуйте добрый день
спасибо привет уважаемые уважаемый заранее подскажите скажите можно нужно хочу`;

function toSet(list: string): Set<string> {
  return new Set(
    list
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.replace(/ё/g, 'е')),
  );
}

export const STOP_WORDS: ReadonlySet<string> = new Set([...toSet(ENGLISH), ...toSet(RUSSIAN)]);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
