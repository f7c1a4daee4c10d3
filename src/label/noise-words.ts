// Words that never make a good cluster label: dates (months, weekdays, "yesterday"), cities, and
// filler verbs around the real topic. They stay in the embedding (they are harmless there) and are
// only kept out of keywords, so "arrive march" or "доставка екатеринбурге" do not become names.
import { stem } from '../text/stem.js';

const DATES = `january february march april may june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
yesterday today tomorrow tonight ago
январь января январе февраль февраля феврале март марта марте апрель апреля апреле мая мае июнь июня июне июль июля
июле август августа августе сентябрь сентября сентябре октябрь октября октябре ноябрь ноября ноябре декабрь декабря
декабре понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье вчера сегодня завтра
позавчера назад`;

const CITIES = `москва москве москву москвы петербург петербурге питер питере спб екатеринбург екатеринбурге новосибирск
новосибирске казань казани самара самаре нижний новгород новгороде челябинск челябинске омск омске ростов ростове
уфа уфе красноярск красноярске пермь перми воронеж воронеже волгоград волгограде краснодар краснодаре саратов саратове
тюмень тюмени тольятти ижевск ижевске барнаул барнауле ульяновск ульяновске иркутск иркутске хабаровск хабаровске
ярославль ярославле владивосток владивостоке махачкала томск томске оренбург оренбурге кемерово новокузнецк рязань
рязани астрахань астрахани пенза пензе липецк липецке тула туле киров кирове калининград калининграде сочи минск
минске алматы киев london paris berlin madrid rome york chicago boston seattle toronto sydney dubai moscow`;

// Words that say something happened without saying what: "заказ должен · прийти", "issue facing · sometimes works".
const FILLER = `должен должна должно должны должен был могу может можете смог смогла хочется пытаюсь пытался
пыталась стал стала стало снова опять уже сих пор очень просто никак
facing face sometimes seems seem noticed notice happening happen happened started start tried try trying unable
able would like want wanted need needs needed please assist assistance help anyone someone something anything
everything still already recently currently really actually issue issues problem problems`;

function stems(list: string): Set<string> {
  return new Set(
    list
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => stem(w.replace(/ё/g, 'е'))),
  );
}

// Stemmed on first use, not at import: stemming loads the stemmers, which commands that never name a cluster skip.
let notATopic: Set<string> | undefined;
let fillerStems: Set<string> | undefined;

/** A stem that names a date or a place, never a topic. */
export function isDateOrPlace(stemKey: string): boolean {
  notATopic ??= new Set([...stems(DATES), ...stems(CITIES)]);
  return notATopic.has(stemKey);
}

/** A stem of a filler word that can sit beside a topic word but should not lead a label alone. */
export function isFiller(stemKey: string): boolean {
  fillerStems ??= stems(FILLER);
  return fillerStems.has(stemKey);
}
