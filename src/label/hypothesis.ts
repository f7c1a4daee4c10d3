// A hypothesis per cluster, from the data alone (no language model): what the tickets' words and figures
// suggest customers run into, and what to try — "клиенты не находят раздел X → вынести его в меню".
import type { ClusterRun, ClusterSummary } from '../types.js';

type Language = 'ru' | 'en';

interface Rule {
  /** Matched against the cluster's label, keywords and example tickets (lower case). */
  words?: RegExp;
  /** Or a figure of the cluster. */
  figures?: (c: ClusterSummary) => boolean;
  say: Record<Language, (topic: string) => string>;
}

// Thresholds a support lead would call notable: half again as many tickets as usual, one in five
// a repeat, two in five from customers in their first weeks.
const GROWTH = 0.5;
const REPEAT = 0.2;
const EARLY = 0.4;

// First match wins: what the customers say about the topic, then how the cluster behaves, then its domain.
const RULES: Rule[] = [
  {
    words:
      /не (?:могу|можем|получается) найти|не нашл|где (?:найти|находится|посмотреть)|не вижу|пропал|исчез|can'?t find|cannot find|where (?:is|can|do)|missing/,
    say: {
      ru: (x) => `клиенты не находят «${x}» → вынести это туда, где ищут (меню, главный экран)`,
      en: (x) => `customers cannot find “${x}” → put it where they look (menu, home screen)`,
    },
  },
  {
    words: /ошибк|не работает|вылета|зависа|сбой|не запускается|error|crash|fail|not working|broken|bug|freez/,
    say: {
      ru: (x) => `«${x}» ломается у клиентов → завести дефект и проверить последние изменения в этой части`,
      en: (x) => `“${x}” breaks for customers → file a defect and check the latest changes to it`,
    },
  },
  {
    words:
      /(?:^|\s)как (?:\S+ ){0,2}(?:сделать|отменить|отключить|изменить|поменять|подключить|оформить|вернуть)|how (?:do|to|can)/,
    say: {
      ru: (x) => `клиенты не знают, как «${x}» → подсказка в интерфейсе и статья в справке`,
      en: (x) => `customers do not know how to do “${x}” → an in-product hint and a help article`,
    },
  },
  {
    figures: (c) => c.growth !== null && c.growth >= GROWTH,
    say: {
      ru: (x) => `недавно что-то изменилось (релиз, тариф, партнёр) → проверить изменения, затрагивающие «${x}»`,
      en: (x) => `something changed recently (a release, a plan, a partner) → check what changed around “${x}”`,
    },
  },
  {
    figures: (c) => c.repeatShare !== null && c.repeatShare >= REPEAT,
    say: {
      ru: (x) => `первый ответ не решает вопрос «${x}» → пересмотреть шаблон ответа и решение на первой линии`,
      en: (x) => `the first answer does not settle “${x}” → rework the reply template and the first-line fix`,
    },
  },
  {
    figures: (c) => c.earlyLifecycleShare !== null && c.earlyLifecycleShare >= EARLY,
    say: {
      ru: (x) => `новые клиенты спотыкаются о «${x}» → объяснить это при подключении`,
      en: (x) => `new customers stumble over “${x}” → explain it during onboarding`,
    },
  },
  {
    words: /возврат|деньг|списа|оплат|платеж|чек|счет|refund|charge|payment|billing|invoice/,
    say: {
      ru: (x) =>
        `клиентам не видно, что с их деньгами («${x}») → показывать статус оплаты и возврата в личном кабинете`,
      en: (x) =>
        `customers cannot see what happens to their money (“${x}”) → show payment and refund status in the account`,
    },
  },
  {
    words: /доставк|курьер|посылк|заказ не|трекинг|delivery|courier|parcel|shipping|tracking/,
    say: {
      ru: (x) => `клиенты не знают, где заказ («${x}») → точный статус доставки и уведомление о задержке`,
      en: (x) => `customers do not know where their order is (“${x}”) → exact delivery status and a delay notice`,
    },
  },
];

const FALLBACK: Record<Language, (topic: string, share: string) => string> = {
  ru: (x, share) => `на «${x}» приходится ${share} затрат → разобрать десяток обращений и найти общую причину`,
  en: (x, share) => `“${x}” takes ${share} of the cost → read ten of its tickets and find the common cause`,
};

/** The hypothesis line for one cluster, without the "Hypothesis:" prefix. */
export function clusterHypothesis(c: ClusterSummary, totalCost: number, language: Language): string {
  const topic = c.keywords[0] ?? c.label;
  const text = [c.label, ...c.keywords, ...c.examples.map((e) => e.text)].join('\n').toLowerCase().replace(/ё/g, 'е');
  for (const rule of RULES) {
    if ((rule.words && rule.words.test(text)) || (rule.figures && rule.figures(c))) return rule.say[language](topic);
  }
  const share = totalCost > 0 ? c.cost / totalCost : c.share;
  const percent = `${(share * 100).toFixed(0)}${language === 'ru' ? ' %' : '%'}`;
  return FALLBACK[language](topic, percent);
}

/** The run with every cluster's `hypothesis` filled in the run's language. */
export function withHypotheses(run: ClusterRun): ClusterRun {
  const language: Language = run.language === 'ru' ? 'ru' : 'en';
  return {
    ...run,
    clusters: run.clusters.map((c) => ({ ...c, hypothesis: clusterHypothesis(c, run.economics.totalCost, language) })),
  };
}
