// What makes real tickets all different (scripts/generate-export.mjs --distinct): the details a customer writes
// around the problem. Products and models, phones and browsers, cities and addresses, quoted error messages,
// amounts in words, names, when it happened, free-form sentences from a larger pool, a story per planted topic
// with those details in it, and typos. The planted problem sentences stay (scripts/export-topics.mjs), so the
// topics are still there to find; everything here is drawn from its own seeded stream.

import { STORIES } from './export-stories.mjs';

/** @typedef {() => number} Random */
/** @typedef {'ru' | 'en'} Lang */

const RU_CITIES = [
  ['Москва', 'в Москве'],
  ['Санкт-Петербург', 'в Санкт-Петербурге'],
  ['Казань', 'в Казани'],
  ['Новосибирск', 'в Новосибирске'],
  ['Екатеринбург', 'в Екатеринбурге'],
  ['Нижний Новгород', 'в Нижнем Новгороде'],
  ['Самара', 'в Самаре'],
  ['Омск', 'в Омске'],
  ['Ростов-на-Дону', 'в Ростове-на-Дону'],
  ['Уфа', 'в Уфе'],
  ['Красноярск', 'в Красноярске'],
  ['Воронеж', 'в Воронеже'],
  ['Пермь', 'в Перми'],
  ['Волгоград', 'в Волгограде'],
  ['Краснодар', 'в Краснодаре'],
  ['Тюмень', 'в Тюмени'],
  ['Саратов', 'в Саратове'],
  ['Тольятти', 'в Тольятти'],
  ['Ижевск', 'в Ижевске'],
  ['Барнаул', 'в Барнауле'],
  ['Ульяновск', 'в Ульяновске'],
  ['Иркутск', 'в Иркутске'],
  ['Хабаровск', 'в Хабаровске'],
  ['Ярославль', 'в Ярославле'],
  ['Владивосток', 'во Владивостоке'],
  ['Махачкала', 'в Махачкале'],
  ['Томск', 'в Томске'],
  ['Оренбург', 'в Оренбурге'],
  ['Кемерово', 'в Кемерове'],
  ['Рязань', 'в Рязани'],
  ['Астрахань', 'в Астрахани'],
  ['Пенза', 'в Пензе'],
  ['Липецк', 'в Липецке'],
  ['Калининград', 'в Калининграде'],
  ['Тула', 'в Туле'],
  ['Курск', 'в Курске'],
  ['Сочи', 'в Сочи'],
  ['Ставрополь', 'в Ставрополе'],
  ['Мурманск', 'в Мурманске'],
  ['Подольск', 'в Подольске'],
  ['Химки', 'в Химках'],
  ['Балашиха', 'в Балашихе'],
];
const EN_CITIES = [
  'London',
  'Manchester',
  'Leeds',
  'Bristol',
  'Glasgow',
  'Edinburgh',
  'Cardiff',
  'Belfast',
  'Dublin',
  'Cork',
  'New York',
  'Boston',
  'Chicago',
  'Austin',
  'Denver',
  'Seattle',
  'Portland',
  'San Diego',
  'Phoenix',
  'Atlanta',
  'Miami',
  'Toronto',
  'Vancouver',
  'Calgary',
  'Ottawa',
  'Sydney',
  'Melbourne',
  'Brisbane',
  'Perth',
  'Auckland',
  'Wellington',
  'Berlin',
  'Amsterdam',
  'Lisbon',
  'Warsaw',
  'Prague',
  'Nottingham',
  'Sheffield',
  'Liverpool',
  'Oslo',
];
const RU_STREETS = [
  'ул. Ленина',
  'ул. Гагарина',
  'пр. Мира',
  'ул. Садовая',
  'ул. Молодёжная',
  'ул. Советская',
  'ул. Лесная',
  'ул. Школьная',
  'ул. Набережная',
  'Ленинградский пр.',
  'ул. Пушкина',
  'ул. Строителей',
  'ул. Заречная',
  'ул. Чехова',
  'ул. Победы',
  'Комсомольский пр.',
  'ул. Кирова',
  'ул. Октябрьская',
  'ул. Полевая',
  'ул. Горького',
];
const EN_STREETS = [
  'High Street',
  'Station Road',
  'Church Lane',
  'Park Avenue',
  'Main Street',
  'Oak Drive',
  'Mill Road',
  'Elm Street',
  'Victoria Road',
  'Maple Avenue',
  'King Street',
  'Queens Road',
  'Lake View',
  'Bridge Street',
];
const RU_NAMES = [
  'Анна',
  'Мария',
  'Елена',
  'Ольга',
  'Наталья',
  'Ирина',
  'Светлана',
  'Татьяна',
  'Юлия',
  'Екатерина',
  'Дарья',
  'Алексей',
  'Дмитрий',
  'Сергей',
  'Андрей',
  'Иван',
  'Михаил',
  'Павел',
  'Николай',
  'Артём',
  'Максим',
  'Олег',
];
const RU_FEMALE_NAMES = 11; // the first 11 of RU_NAMES
const RU_SURNAMES = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
];
const EN_NAMES = [
  'Mark',
  'James',
  'Oliver',
  'Jack',
  'Harry',
  'Daniel',
  'Tom',
  'Chris',
  'Michael',
  'David',
  'Sam',
  'Ben',
  'Emma',
  'Olivia',
  'Sophie',
  'Emily',
  'Grace',
  'Lucy',
  'Chloe',
  'Hannah',
  'Laura',
  'Sarah',
  'Kate',
  'Anna',
];
const EN_SURNAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Evans',
  'Walker',
  'Wright',
  'Clarke',
  'Hughes',
  'Patel',
];
// Accusative, as after "заказал", "вернул", "купил".
const RU_GOODS = [
  'пылесос',
  'робот-пылесос',
  'кофемашину',
  'кроссовки',
  'наушники',
  'чайник',
  'куртку',
  'смарт-часы',
  'увлажнитель воздуха',
  'детскую коляску',
  'планшет',
  'монитор',
  'фен',
  'блендер',
  'рюкзак',
  'электросамокат',
  'утюг',
  'мультиварку',
  'ноутбук',
  'роутер',
  'колонку',
  'платье',
  'джинсы',
  'постельное бельё',
  'набор посуды',
  'микроволновку',
  'телевизор',
  'принтер',
  'шуруповёрт',
  'игровую приставку',
  'зимние шины',
  'велосипед',
];
const EN_GOODS = [
  'vacuum cleaner',
  'coffee machine',
  'running shoes',
  'headphones',
  'kettle',
  'winter jacket',
  'smartwatch',
  'air purifier',
  'pushchair',
  'tablet',
  'monitor',
  'hair dryer',
  'blender',
  'backpack',
  'e-scooter',
  'air fryer',
  'laptop',
  'router',
  'bluetooth speaker',
  'dress',
  'jeans',
  'bedding set',
  'cookware set',
  'microwave',
  'TV',
  'printer',
  'cordless drill',
  'games console',
  'bike helmet',
  'desk lamp',
  'office chair',
  'phone case',
];
const BRANDS = [
  'Bosch',
  'Philips',
  'Xiaomi',
  'Samsung',
  'LG',
  'Redmond',
  'Polaris',
  'Tefal',
  'Dyson',
  'Sony',
  'JBL',
  'Huawei',
  'Lenovo',
  'Asus',
  'Adidas',
  'Nike',
  'Makita',
  'Canon',
  'HP',
  'TP-Link',
  'Braun',
  'Karcher',
  'Haier',
  'Puma',
  'Columbia',
  'Deerma',
  'Acer',
  'Garmin',
  'Logitech',
  'Ninja',
  'Kenwood',
  'Delonghi',
];
const MODEL_PREFIXES = ['X', 'S', 'A', 'Z', 'V', 'M', 'GT-', 'SL-', 'Pro ', 'Max ', 'K', 'DX', 'R', 'Air ', 'T'];
const MODEL_SUFFIXES = ['', '', '', ' Pro', ' Plus', ' Lite', ' mini', ' 2', ' SE', ' Ultra'];
const RU_COLOURS = ['чёрный', 'белый', 'серый', 'синий', 'красный', 'бежевый', 'зелёный', 'розовый', 'графит'];
const EN_COLOURS = ['black', 'white', 'grey', 'navy', 'red', 'beige', 'green', 'pink', 'graphite', 'silver'];
const BROWSERS = ['Chrome', 'Safari', 'Firefox', 'Edge', 'Opera', 'Яндекс Браузер'];
const RU_RELATIVES = [
  'маме',
  'папе',
  'сыну',
  'дочке',
  'жене',
  'мужу',
  'бабушке',
  'коллеге',
  'сестре',
  'брату',
  'другу',
];
const EN_RELATIVES = [
  'my mum',
  'my dad',
  'my son',
  'my daughter',
  'my wife',
  'my husband',
  'a colleague',
  'my sister',
  'my brother',
  'a friend',
];
const RU_WEEKDAYS = ['в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу', 'в воскресенье'];
const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const RU_MONTHS = ['сентября', 'октября', 'ноября', 'декабря'];
const EN_MONTHS = ['September', 'October', 'November', 'December'];
const RU_ERRORS = [
  'Что-то пошло не так',
  'Повторите попытку позже',
  'Сервис временно недоступен',
  'Операция не выполнена',
  'Неизвестная ошибка',
  'Превышено время ожидания',
  'Нет соединения с сервером',
  'Доступ запрещён',
  'Данные не найдены',
  'Не удалось загрузить страницу',
];
const EN_ERRORS = [
  'Something went wrong',
  'Please try again later',
  'Service temporarily unavailable',
  'Unexpected error',
  'Request timed out',
  'Unable to connect to server',
  'Access denied',
  'Not found',
  'Internal server error',
  'Session expired, please sign in again',
  'Failed to load resource',
];
const OPENERS = {
  ru: [
    'Короче,',
    'В общем,',
    'Ситуация такая:',
    'Подскажите,',
    'Вопрос:',
    'Срочно!',
    'Добрый день, такая проблема:',
    'Извините за беспокойство,',
  ],
  en: [
    'So basically',
    'Quick question:',
    'Urgent:',
    'Hope you can help,',
    'Long story short,',
    'Not sure who to ask, but',
    'FYI',
  ],
};
const SUBJECT_PREFIXES = {
  ru: ['Re: ', 'Fwd: ', 'Срочно: ', 'Жалоба: ', 'Вопрос: '],
  en: ['Re: ', 'Fwd: ', 'Urgent: ', 'Complaint: ', 'Question: '],
};

// Free-form sentences any ticket may carry, whatever its topic: the words every topic shares.
const FREE = {
  ru: [
    'Заказывал {goods} в подарок {relative}.',
    'Живу {cityIn}, до ближайшего магазина далеко.',
    'Покупал {goods} {when} за {amount}.',
    'Сейчас нахожусь {cityIn}, звонить неудобно, лучше ответьте письмом.',
    'Пользуюсь телефоном {device}, приложение обновлял {when}.',
    'Адрес доставки: {city}, {street}.',
    'В прошлый раз вы решили вопрос быстро, надеюсь, и сейчас поможете.',
    'Уже потратил на это {n} часа своего времени.',
    'Ваш оператор {name} обещал перезвонить, но так и не перезвонил.',
    'На экране было написано «{error}».',
    'У жены {device}, у неё то же самое.',
    'Пишу с рабочего компьютера, браузер {browser} {version}.',
    'Сумма для меня немаленькая — {amount}.',
    'Оформлял всё {when}, оплатил сразу.',
    'Скоро уезжаю в отпуск, а живу {cityIn}, хотелось бы решить до этого.',
    'Раньше таких проблем не было, заказывал у вас раз {n}.',
    'Скриншот с ошибкой «{error}» прикладываю.',
    'Пробовал и через сайт, и через приложение на {device}.',
    'Оцените, пожалуйста, ситуацию и дайте ответ до {day}.',
    'Звонил на горячую линию {when}, ждал на линии {n}0 минут.',
    'Если нужно, могу прислать видео, как это происходит.',
    'Номер телефона в профиле тот же, что и раньше.',
    'Заказывал ещё {goods} {brand}, с ним всё нормально.',
    'Мне нужен понятный ответ, а не шаблонная отписка.',
    'Кстати, на сайте у вас до сих пор висит старая информация.',
    'Получатель — {fullName}.',
    'Сам я {cityIn}, но заказ оформлял на родителей.',
    'Ответьте, пожалуйста, хотя бы когда примерно ждать решения.',
  ],
  en: [
    'I ordered a {goods} as a present for {relative}.',
    'I live in {city}, so the nearest store is miles away.',
    'I bought a {goods} {when} for {amount}.',
    "I'm in {city} at the moment, so email works better than a call.",
    'I use a {device}, the app was updated {when}.',
    'Delivery address: {number} {street}, {city}.',
    'Last time you sorted things out quickly, hoping for the same now.',
    'I have already spent {n} hours on this.',
    'Your agent {name} promised to call me back but never did.',
    'The screen said "{error}".',
    'My partner has a {device} and sees the same thing.',
    "I'm writing from my work laptop, {browser} {version}.",
    'That is a lot of money for me, {amount}.',
    'I placed everything {when} and paid straight away.',
    "I'm flying to {city} soon and would like this fixed before then.",
    'Never had any problems before, I have ordered from you about {n} times.',
    'Screenshot of the "{error}" message attached.',
    'I tried both the website and the app on my {device}.',
    'Please look into this and get back to me by {day}.',
    'I called your hotline {when} and waited {n}0 minutes on hold.',
    'I can send a video of it happening if that helps.',
    'The phone number on my profile has not changed.',
    'I also ordered a {brand} {goods} and that one is fine.',
    'I need a real answer, not a canned reply.',
    'By the way, your website still shows the old information.',
    'The recipient is {fullName}.',
    'I am in {city} but the order was for my parents.',
    'Please at least tell me roughly when to expect a fix.',
  ],
};

/** @type {<T>(random: Random, list: readonly T[]) => T} */
const pickFrom = (random, list) => list[Math.floor(random() * list.length)];
/** @type {(random: Random, low: number, high: number) => number} */
const between = (random, low, high) => low + Math.floor(random() * (high - low + 1));

const EN_ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/**
 * 0 ≤ n < 1,000,000 in English words: 2345 → "two thousand three hundred and forty-five".
 * @param {number} n
 * @returns {string}
 */
export function englishNumber(n) {
  if (n < 20) return EN_ONES[n];
  if (n < 100) return EN_TENS[Math.floor(n / 10)] + (n % 10 ? `-${EN_ONES[n % 10]}` : '');
  if (n < 1000) return `${EN_ONES[Math.floor(n / 100)]} hundred` + (n % 100 ? ` and ${englishNumber(n % 100)}` : '');
  const rest = n % 1000;
  return (
    `${englishNumber(Math.floor(n / 1000))} thousand` +
    (rest === 0 ? '' : rest < 100 ? ` and ${englishNumber(rest)}` : ` ${englishNumber(rest)}`)
  );
}

const RU_UNITS = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const RU_TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
];
const RU_HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
];

/**
 * The Russian plural form for n: one (1, 21), few (2–4, 22), many (5–20, 25).
 * @param {number} n
 * @param {string} one
 * @param {string} few
 * @param {string} many
 */
export function russianPlural(n, one, few, many) {
  const last = n % 10;
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 14) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

/**
 * 0 < n < 1000 in Russian words; feminine for thousands ("одна", "две").
 * @param {number} n
 * @param {boolean} feminine
 */
function russianHundreds(n, feminine) {
  const words = [RU_HUNDREDS[Math.floor(n / 100)]];
  const tens = n % 100;
  if (tens >= 10 && tens < 20) words.push(RU_TEENS[tens - 10]);
  else {
    words.push(RU_TENS[Math.floor(tens / 10)]);
    const unit = tens % 10;
    words.push(feminine && unit === 1 ? 'одна' : feminine && unit === 2 ? 'две' : RU_UNITS[unit]);
  }
  return words.filter(Boolean).join(' ');
}

/**
 * 0 < n < 1,000,000 rubles in Russian words: 2345 → "две тысячи триста сорок пять рублей".
 * @param {number} n
 */
export function russianRubles(n) {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words = [];
  if (thousands > 0)
    words.push(russianHundreds(thousands, true), russianPlural(thousands, 'тысяча', 'тысячи', 'тысяч'));
  if (rest > 0) words.push(russianHundreds(rest, false));
  words.push(russianPlural(n, 'рубль', 'рубля', 'рублей'));
  return words.join(' ');
}

/**
 * A first name and a surname (a Russian woman's with her surname's feminine form).
 * @param {Lang} lang
 * @param {Random} random
 */
function fullName(lang, random) {
  if (lang !== 'ru') return `${pickFrom(random, EN_NAMES)} ${pickFrom(random, EN_SURNAMES)}`;
  const name = pickFrom(random, RU_NAMES);
  return `${name} ${pickFrom(random, RU_SURNAMES)}${RU_NAMES.indexOf(name) < RU_FEMALE_NAMES ? 'а' : ''}`;
}

/**
 * A product as a customer names it: "Dyson V12 Pro".
 * @param {Random} random
 */
function model(random) {
  return `${pickFrom(random, BRANDS)} ${pickFrom(random, MODEL_PREFIXES)}${between(random, 1, 990)}${pickFrom(random, MODEL_SUFFIXES)}`;
}

/**
 * A phone or tablet with its model number.
 * @param {Random} random
 */
function device(random) {
  switch (Math.floor(random() * 6)) {
    case 0:
      return `iPhone ${between(random, 11, 16)}${pickFrom(random, ['', '', ' Pro', ' Pro Max', ' mini', ' Plus'])}`;
    case 1:
      return `Samsung Galaxy ${pickFrom(random, ['A', 'S', 'M', 'Z Flip ', 'Note '])}${between(random, 5, 74)}`;
    case 2:
      return `Xiaomi Redmi Note ${between(random, 8, 13)}${pickFrom(random, ['', ' Pro', ' Pro+', 'S'])}`;
    case 3:
      return `Pixel ${between(random, 5, 9)}${pickFrom(random, ['', 'a', ' Pro'])}`;
    case 4:
      return `Honor ${between(random, 50, 200)}${pickFrom(random, ['', ' Lite', ' Pro'])}`;
    default:
      return `${pickFrom(random, ['iPad Air', 'iPad Pro', 'Huawei P', 'realme ', 'POCO X', 'OnePlus '])}${between(random, 3, 12)}`;
  }
}

/**
 * An error code as apps show them: "E-4821", "0x80070057", "HTTP 503".
 * @param {Random} random
 */
function errorCode(random) {
  switch (Math.floor(random() * 4)) {
    case 0:
      return `E-${between(random, 1000, 9999)}`;
    case 1:
      return `0x8007${between(random, 0, 0xffff).toString(16).padStart(4, '0').toUpperCase()}`;
    case 2:
      return `HTTP ${pickFrom(random, [400, 401, 403, 404, 409, 422, 500, 502, 503, 504])}`;
    default:
      return `${pickFrom(random, ['ERR', 'ERROR', 'CODE'])}_${between(random, 10, 999)}`;
  }
}

/**
 * The value of every {slot} a detail sentence may use, drawn as it is asked for.
 * @param {string} name
 * @param {Lang} lang
 * @param {Random} random
 * @returns {string}
 */
function slotValue(name, lang, random) {
  const ru = lang === 'ru';
  switch (name) {
    case 'goods':
      return ru
        ? `${pickFrom(random, RU_GOODS)} ${model(random)}${random() < 0.3 ? `, цвет ${pickFrom(random, RU_COLOURS)}` : ''}`
        : `${random() < 0.3 ? `${pickFrom(random, EN_COLOURS)} ` : ''}${model(random)} ${pickFrom(random, EN_GOODS)}`;
    case 'model':
      return model(random);
    case 'brand':
      return pickFrom(random, BRANDS);
    case 'device':
      return device(random);
    case 'city':
      return ru ? pickFrom(random, RU_CITIES)[0] : pickFrom(random, EN_CITIES);
    case 'cityIn':
      return pickFrom(random, RU_CITIES)[1];
    case 'street':
      return ru
        ? `${pickFrom(random, RU_STREETS)}, д. ${between(random, 1, 150)}${random() < 0.7 ? `, кв. ${between(random, 1, 400)}` : ''}`
        : pickFrom(random, EN_STREETS);
    case 'number':
      return String(between(random, 1, 250));
    case 'name':
      return pickFrom(random, ru ? RU_NAMES : EN_NAMES);
    case 'fullName':
      return fullName(lang, random);
    case 'relative':
      return pickFrom(random, ru ? RU_RELATIVES : EN_RELATIVES);
    case 'browser':
      return pickFrom(random, ru ? BROWSERS : BROWSERS.slice(0, 5));
    case 'version':
      return `${between(random, 100, 131)}.0.${between(random, 1000, 6999)}`;
    case 'appVersion':
      return `${between(random, 4, 7)}.${between(random, 0, 40)}.${between(random, 0, 9)}`;
    case 'error':
      return `${pickFrom(random, ru ? RU_ERRORS : EN_ERRORS)} (${errorCode(random)})`;
    case 'code':
      return errorCode(random);
    case 'amount':
      return ru ? russianRubles(between(random, 15, 4999) * 10) : `${englishNumber(between(random, 5, 2499))} dollars`;
    case 'sum':
      return String(between(random, 150, 49_990));
    case 'n':
      return String(between(random, 2, 9));
    case 'order':
      return `${random() < 0.5 ? '#' : '№'}${between(random, 100_000, 999_999)}`;
    case 'when': {
      if (random() < 0.4) return ru ? pickFrom(random, RU_WEEKDAYS) : `on ${pickFrom(random, EN_WEEKDAYS)}`;
      const day = between(random, 1, 28);
      const month = between(random, 0, 3);
      return ru ? `${day} ${RU_MONTHS[month]}` : `on ${day} ${EN_MONTHS[month]}`;
    }
    case 'day': {
      const day = between(random, 1, 28);
      const month = between(random, 0, 3);
      return ru ? `${day} ${RU_MONTHS[month]}` : `${day} ${EN_MONTHS[month]}`;
    }
    default:
      throw new Error(`export-details: unknown slot {${name}}`);
  }
}

/**
 * A template with its {slots} filled from `random`.
 * @param {string} template
 * @param {Lang} lang
 * @param {Random} random
 */
export function fillDetails(template, lang, random) {
  return template.replace(/\{(\w+)\}/g, (/** @type {string} */ _, /** @type {string} */ name) =>
    slotValue(name, lang, random),
  );
}

const LETTERS = /^[\p{L}]{5,}$/u;

/**
 * Typos as people make them, in about `rate` of the longer words: a swapped, dropped or doubled letter.
 * @param {string} text
 * @param {number} rate
 * @param {Random} random
 */
export function withTypos(text, rate, random) {
  return text.replace(/[\p{L}]+/gu, (/** @type {string} */ word) => {
    if (!LETTERS.test(word) || random() >= rate) return word;
    const at = 1 + Math.floor(random() * (word.length - 2));
    switch (Math.floor(random() * 3)) {
      case 0:
        return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
      case 1:
        return word.slice(0, at) + word.slice(at + 1);
      default:
        return word.slice(0, at) + word[at] + word.slice(at);
    }
  });
}

/**
 * A ticket's description with a customer's own details, from the parts the default mode would join: a topic
 * ticket gets its topic's story, free-form sentences and sometimes an opener; one-offs get free-form sentences
 * only. Typos, a missing full stop and a lowercase start come last.
 * @param {{ greeting?: string; body: string[]; context?: string; closing?: string }} parts
 * @param {{ key: string; lang: 'ru' | 'en' } | null} topic  the planted topic, or null for a one-off
 * @param {Lang} lang
 * @param {Random} random
 */
export function detailedDescription(parts, topic, lang, random) {
  const sentences = [];
  if (parts.greeting !== undefined) {
    const name = pickFrom(random, lang === 'ru' ? RU_NAMES : EN_NAMES);
    sentences.push(
      random() < 0.3
        ? lang === 'ru'
          ? `${parts.greeting} Меня зовут ${name}.`
          : `${parts.greeting} ${name} here.`
        : parts.greeting,
    );
  }
  const body = parts.body.slice();
  if (random() < 0.25) {
    const opener = pickFrom(random, OPENERS[lang]);
    body[0] = `${opener} ${body[0].charAt(0).toLowerCase()}${body[0].slice(1)}`;
  }
  const stories = topic ? STORIES[topic.key] : undefined;
  if (stories && random() < 0.8)
    body.splice(1 + Math.floor(random() * body.length), 0, fillDetails(pickFrom(random, stories), lang, random));
  sentences.push(...body);
  const free = FREE[lang];
  for (let k = random() < 0.5 ? 1 : random() < 0.6 ? 2 : topic ? 0 : 1; k > 0; k--)
    sentences.push(fillDetails(pickFrom(random, free), lang, random));
  if (parts.context !== undefined) sentences.push(parts.context);
  if (parts.closing !== undefined) {
    sentences.push(random() < 0.3 ? `${parts.closing}\n${fullName(lang, random)}` : parts.closing);
  }
  let text = withTypos(sentences.join(' '), 0.025, random);
  if (random() < 0.15) text = text.replace(/[.!]$/, '');
  if (random() < 0.08) text = text.toLowerCase();
  return text;
}

/**
 * A subject line as people type it: sometimes "Re:", an order number or a model added, sometimes lowercase.
 * @param {string} subject
 * @param {Lang} lang
 * @param {Random} random
 */
export function detailedSubject(subject, lang, random) {
  if (subject === '')
    return random() < 0.2 ? fillDetails(lang === 'ru' ? 'Заказ {order}' : 'Order {order}', lang, random) : '';
  let line = subject;
  const r = random();
  if (r < 0.15) line = `${pickFrom(random, SUBJECT_PREFIXES[lang])}${line}`;
  else if (r < 0.3)
    line = `${line} ${fillDetails(lang === 'ru' ? '(заказ {order})' : '(order {order})', lang, random)}`;
  else if (r < 0.4) line = `${line} — ${device(random)}`;
  if (random() < 0.15) line = line.toLowerCase();
  return line;
}
