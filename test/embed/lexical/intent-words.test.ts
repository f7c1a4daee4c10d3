import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICAL_SETTINGS, LexicalEmbedder } from '../../../src/embed/lexical/index.js';
import { extractFeatures, TicketFeatures, type FeatureSettings } from '../../../src/embed/lexical/features.js';
import { intentToken } from '../../../src/embed/lexical/intent-words.js';
import { isStopWord } from '../../../src/text/stopwords.js';
import { contentWords } from '../../../src/text/tokens.js';

function wordHashes(text: string, settings: FeatureSettings): number[] {
  const f = new TicketFeatures();
  extractFeatures(text, settings, f);
  return Array.from(f.word.subarray(0, f.wordCount)).sort((a, b) => a - b);
}

const WITH = DEFAULT_LEXICAL_SETTINGS.features;
const WITHOUT = { ...WITH, intentWords: false };

describe('intent words', () => {
  it('are stop words, so the cluster labels never see them', () => {
    for (const w of ['on', 'off', 'up', 'down', 'out', 'not', "don't", 'cannot']) {
      expect(intentToken(w)).toBeDefined();
      expect(isStopWord(w)).toBe(true);
    }
    expect(contentWords('turn the lights off')).toEqual(['turn', 'lights']);
  });

  it('fold every negation to one token and leave Russian and question words out', () => {
    expect(intentToken("doesn't")).toBe(intentToken('not'));
    expect(intentToken('cannot')).toBe(intentToken('no'));
    expect(intentToken('on')).not.toBe(intentToken('off'));
    for (const w of ['не', 'нет', 'как', 'what', 'how', 'the', 'lights']) expect(intentToken(w)).toBeUndefined();
  });

  it('tell "lights on" from "lights off" only when enabled', () => {
    expect(WITH.intentWords).toBe(true);
    expect(wordHashes('turn the lights on', WITH)).not.toEqual(wordHashes('turn the lights off', WITH));
    expect(wordHashes('turn the lights on', WITHOUT)).toEqual(wordHashes('turn the lights off', WITHOUT));
    expect(wordHashes("it doesn't work", WITH)).toEqual(wordHashes('it does not work', WITH));
    // Russian tickets keep exactly their old features («не» is in most of them and measured worse).
    expect(wordHashes('не приходит смс, как быть', WITH)).toEqual(wordHashes('не приходит смс, как быть', WITHOUT));
  });

  it('give sibling requests different vectors and name themselves in the model', async () => {
    const texts = [
      'turn the lights on',
      'turn the lights off',
      'turn the kitchen lights on please',
      'turn off the kitchen lights',
      'set an alarm for 7 am',
      'remove my alarm for tomorrow',
      'play some jazz music',
      'play music by the beatles',
      'what is the weather today',
      'will it rain tomorrow',
    ];
    const embedder = new LexicalEmbedder({ seed: 1 });
    const m = await embedder.embed(texts);
    let dot = 0;
    for (let c = 0; c < m.dims; c++) dot += m.data[c] * m.data[m.dims + c];
    expect(dot).toBeLessThan(0.999);
    expect(embedder.model).toContain('+intent');
    expect(new LexicalEmbedder({ settings: { features: WITHOUT } }).model).not.toContain('+intent');
  });
});
