// Every word the HTML page shows, per report language; the page script reads them from its data.

export type PageLanguage = 'en' | 'ru';

export const PAGE_LOCALES: Record<PageLanguage, string> = { en: 'en-US', ru: 'ru-RU' };

export interface PageWords {
  title: string;
  tickets: string;
  period: string;
  clusters: string;
  unclustered: string;
  totalCost: string;
  atPerTicket: string;
  fromHandleTime: string;
  masked: string;
  nothingMasked: string;
  maskKinds: Record<'email' | 'phone' | 'card' | 'account' | 'url', string>;
  skipped: string;
  costByCluster: string;
  weeklyTrend: string;
  week: string;
  noDates: string;
  oneWeek: string;
  map: string;
  mapNote: string;
  mapSample: string;
  noMap: string;
  clusterList: string;
  search: string;
  shownOf: string;
  columns: {
    rank: string;
    label: string;
    size: string;
    share: string;
    cost: string;
    handleTime: string;
    growth: string;
    repeat: string;
    early: string;
    satisfaction: string;
    change: string;
  };
  hypothesis: string;
  keywords: string;
  examples: string;
  ticketIds: string;
  channels: string;
  parent: string;
  confidence: string;
  priority: string;
  satisfactionImpact: string;
  status: Record<'new' | 'growing' | 'shrinking' | 'stable' | 'gone' | 'split' | 'merged', string>;
  goneClusters: string;
  otherClusters: string;
  generated: string;
  noiseLabel: string;
}

const en: PageWords = {
  title: 'Ticket clusters',
  tickets: 'tickets',
  period: 'period',
  clusters: 'clusters',
  unclustered: 'unclustered',
  totalCost: 'estimated cost',
  atPerTicket: 'at {0} per ticket',
  fromHandleTime: 'from {0} of handle time',
  masked: 'masked',
  nothingMasked: 'no personal data found to mask',
  maskKinds: {
    email: 'e-mails',
    phone: 'phone numbers',
    card: 'card numbers',
    account: 'account numbers',
    url: 'links',
  },
  skipped: 'skipped',
  costByCluster: 'Estimated cost by cluster',
  weeklyTrend: 'Tickets per week, top clusters',
  week: 'week of',
  noDates: 'The export has no created-at column, so there is no weekly trend.',
  oneWeek: 'All tickets fall in one week: no weekly trend to draw yet.',
  map: 'Map of the tickets',
  mapNote: 'Each dot is a ticket, placed by meaning and coloured by cluster (grey: unclustered). Hover for its text.',
  mapSample: 'Showing a random sample of {0} of {1} tickets.',
  noMap: 'No map: this run was made without ticket positions.',
  clusterList: 'Clusters',
  search: 'Search label, keywords, examples…',
  shownOf: '{0} of {1} clusters shown',
  columns: {
    rank: '#',
    label: 'cluster',
    size: 'tickets',
    share: 'share',
    cost: 'est. cost',
    handleTime: 'handle time',
    growth: 'growth',
    repeat: 'repeat contacts',
    early: 'early lifecycle',
    satisfaction: 'satisfaction',
    change: 'since baseline',
  },
  hypothesis: 'Hypothesis',
  keywords: 'Keywords',
  examples: 'Examples',
  ticketIds: 'Ticket ids',
  channels: 'Channels',
  parent: 'Topic',
  confidence: 'mean confidence',
  priority: 'priority',
  satisfactionImpact: 'effect on overall satisfaction',
  status: {
    new: 'new',
    growing: 'growing',
    shrinking: 'shrinking',
    stable: 'stable',
    gone: 'gone',
    split: 'split',
    merged: 'merged',
  },
  goneClusters: 'Gone since the baseline',
  otherClusters: 'other clusters',
  generated: 'Made by tickets from {0} ({1}). Everything is in this file; nothing is loaded from the network.',
  noiseLabel: 'unclustered',
};

const ru: PageWords = {
  title: 'Кластеры обращений',
  tickets: 'обращений',
  period: 'период',
  clusters: 'кластеров',
  unclustered: 'вне кластеров',
  totalCost: 'оценка затрат',
  atPerTicket: 'по {0} за обращение',
  fromHandleTime: 'по времени работы: {0}',
  masked: 'скрыто',
  nothingMasked: 'персональных данных для скрытия не найдено',
  maskKinds: {
    email: 'эл. адресов',
    phone: 'телефонов',
    card: 'номеров карт',
    account: 'номеров счетов',
    url: 'ссылок',
  },
  skipped: 'пропущено',
  costByCluster: 'Оценка затрат по кластерам',
  weeklyTrend: 'Обращений в неделю, крупнейшие кластеры',
  week: 'неделя с',
  noDates: 'В выгрузке нет даты создания, поэтому недельной динамики нет.',
  oneWeek: 'Все обращения за одну неделю: недельной динамики пока нет.',
  map: 'Карта обращений',
  mapNote:
    'Точка — обращение; близкие по смыслу рядом, цвет — кластер (серый — вне кластеров). Наведите, чтобы прочесть текст.',
  mapSample: 'Показана случайная выборка: {0} из {1} обращений.',
  noMap: 'Карты нет: прогон сделан без координат обращений.',
  clusterList: 'Кластеры',
  search: 'Поиск по названию, ключевым словам, примерам…',
  shownOf: 'показано {0} из {1} кластеров',
  columns: {
    rank: '№',
    label: 'кластер',
    size: 'обращений',
    share: 'доля',
    cost: 'затраты',
    handleTime: 'время работы',
    growth: 'рост',
    repeat: 'повторные',
    early: 'новые клиенты',
    satisfaction: 'оценка',
    change: 'с прошлого раза',
  },
  hypothesis: 'Гипотеза',
  keywords: 'Ключевые слова',
  examples: 'Примеры',
  ticketIds: 'Номера обращений',
  channels: 'Каналы',
  parent: 'Тема',
  confidence: 'средняя уверенность',
  priority: 'приоритет',
  satisfactionImpact: 'влияние на общую оценку',
  status: {
    new: 'новый',
    growing: 'растёт',
    shrinking: 'снижается',
    stable: 'без изменений',
    gone: 'исчез',
    split: 'разделился',
    merged: 'объединён',
  },
  goneClusters: 'Исчезли с прошлого раза',
  otherClusters: 'прочие кластеры',
  generated: 'Сделано программой tickets из {0} ({1}). Всё содержится в этом файле; из сети ничего не загружается.',
  noiseLabel: 'вне кластеров',
};

export const PAGE_WORDS: Record<PageLanguage, PageWords> = { en, ru };
