// Which columns become the ticket text, id and created-at date: user overrides, then detection.
import { describe, expect, it } from 'vitest';
import { chooseColumns, isCreatedStandIn, normalizeHeaderName, resolveColumnName } from '../../src/ingest/columns.js';
import { UserError } from '../../src/errors.js';

const names = (header: string[], overrides = {}) => {
  const c = chooseColumns(header, overrides, 'f.csv');
  return {
    text: c.text.map((i) => header[i]),
    id: c.id === null ? null : header[c.id],
    date: c.date === null ? null : header[c.date],
  };
};

describe('chooseColumns with the user naming columns', () => {
  it('--text "Subject,Description" as one string is two columns, unless a column has that very name', () => {
    const header = ['ID', 'Subject', 'Description', 'Created'];
    expect(names(header, { text: ['Subject,Description'] }).text).toEqual(['Subject', 'Description']);
    expect(names(header, { text: [' subject , description ,'] }).text).toEqual(['Subject', 'Description']);
    expect(names(['ID', 'Subject, body', 'Subject'], { text: ['Subject, body'] }).text).toEqual(['Subject, body']);
  });

  it('names match exactly first, then ignoring case, spaces, underscores and ё', () => {
    expect(resolveColumnName(['created at', 'Created_At'], 'Created_At', 'f.csv', 'date')).toBe(1);
    expect(resolveColumnName(['Ticket_ID', 'Тема'], 'ticket id', 'f.csv', 'id')).toBe(0);
    expect(resolveColumnName(['Счёт', 'Тема'], 'счет', 'f.csv', 'text')).toBe(0);
  });

  it('an overridden id or date is never taken as text, and detection fills in what was not named', () => {
    expect(names(['Subject', 'Body', 'When'], { date: 'When' })).toEqual({
      text: ['Subject', 'Body'],
      id: null,
      date: 'When',
    });
    // "Text" named as the id: detection looks for the text elsewhere.
    expect(names(['Text', 'Message', 'Created at'], { id: 'text' })).toEqual({
      text: ['Message'],
      id: 'Text',
      date: 'Created at',
    });
    expect(names(['Key', 'Subject', 'Body', 'Created'], { text: ['Body'], id: 'Key' })).toEqual({
      text: ['Body'],
      id: 'Key',
      date: 'Created',
    });
  });

  it('a name that is not a column lists the columns: at most 12, each cut at 40 characters, personal data masked', () => {
    const header = [
      'id',
      'Позвоните мне 8 912 345-67-89 или пишите ivan.petrov@mail.ru, заказ не пришёл',
      ...Array.from({ length: 13 }, (_, i) => `c${i}`),
    ];
    let message = '';
    try {
      chooseColumns(header, { text: ['Тема'] }, 'export.csv');
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      message = (err as Error).message;
    }
    expect(message).toBe(
      'export.csv: no column "Тема" (given by --text); columns are: "id", "Позвоните мне [phone] или пишите [email…", ' +
        '"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9" and 3 more',
    );
    expect(() => chooseColumns(['id', 'text'], { date: 'created' }, 'export.csv')).toThrow(
      'export.csv: no column "created" (given by --date); columns are: "id", "text"',
    );
  });
});

describe('chooseColumns detecting columns', () => {
  it('prefers the earlier alias when several columns match, and never uses one column twice', () => {
    expect(names(['title', 'subject', 'text', 'description']).text).toEqual(['subject', 'description']);
    // "Тема обращения" is a subject, "Обращение" a body.
    expect(names(['Обращение', 'Тема обращения']).text).toEqual(['Тема обращения', 'Обращение']);
    // Two "text" columns: the second is renamed by the reader; only one of them is the body.
    expect(names(['text', 'text (2)']).text).toEqual(['text']);
  });

  it('the created-at date: an alias, else a header saying "created", else a first response time stands in', () => {
    expect(names(['Subject', 'Updated', 'Created At']).date).toBe('Created At');
    expect(names(['Subject', 'Closed', 'Ticket Creation Date']).date).toBe('Ticket Creation Date');
    expect(names(['Тема', 'Дата закрытия', 'Дата создания заявки']).date).toBe('Дата создания заявки');
    expect(names(['Subject', 'Updated', 'Closed']).date).toBeNull();
    expect(names(['Subject', 'First Response Time']).date).toBe('First Response Time');
    expect(names(['Subject', 'First Response Time', 'Created']).date).toBe('Created');
    expect(isCreatedStandIn('First_Response_Time')).toBe(true);
    expect(isCreatedStandIn('Время первого ответа')).toBe(true);
    expect(isCreatedStandIn('Created')).toBe(false);
  });

  it('loose matches skip headers of numbers, dates and ids that merely mention a text word', () => {
    expect(names(['Comment ID', 'Comment #', 'Topic № ', 'Customer comment']).text).toEqual(['Customer comment']);
    expect(names(['Message count', 'Message time', 'Last message']).text).toEqual(['Last message']);
  });
});

describe('header names as exports spell them', () => {
  it('dashes, dots, colons and runs of spaces count as one space; a BOM glued to the first name is dropped', () => {
    expect(normalizeHeaderName('Created-At')).toBe('created at');
    expect(normalizeHeaderName('Ticket.ID')).toBe('ticket id');
    expect(normalizeHeaderName('Дата:  создания')).toBe('дата создания');
    expect(normalizeHeaderName('Ticket   -_ Subject')).toBe('ticket subject');
    expect(normalizeHeaderName('\uFEFFНомер')).toBe('номер');
    expect(normalizeHeaderName('Счёт')).toBe('счет');
    expect(names(['\uFEFFTicket-ID', 'Ticket.Subject', 'Created: date', 'Body'])).toEqual({
      text: ['Ticket.Subject', 'Body'],
      id: '\uFEFFTicket-ID',
      date: 'Created: date',
    });
  });

  it('a Russian header "Дата создания" is found as the created date, "Создана" too, and "ё" is read as "е"', () => {
    expect(names(['Номер', 'Тема', 'Дата создания', 'Дата изменения']).date).toBe('Дата создания');
    expect(names(['Номер', 'Тема', 'Дата изменения', 'Заявка создана']).date).toBe('Заявка создана');
    expect(names(['Номер', 'Тема', 'Создано']).date).toBe('Создано');
    expect(names(['Номер', 'Тема', 'Когда создан']).date).toBe('Когда создан');
    expect(names(['Номер', 'Тема', 'Закрыта', 'Создана (МСК)']).date).toBe('Создана (МСК)');
    expect(names(['Номер', 'Тема', 'Обновлена']).date).toBeNull();
    expect(names(['Номер', 'Тема', 'Пересоздан']).date).toBeNull();
    expect(names(['ID', 'Subject', 'Recreated', 'Creator']).date).toBeNull();
    expect(names(['ID', 'Subject', 'Date Created (UTC)']).date).toBe('Date Created (UTC)');
  });

  it('a longer header that contains a text word as a whole word is the text; a word inside another is not', () => {
    expect(names(['Case', 'Body of the e-mail']).text).toEqual(['Body of the e-mail']);
    expect(names(['Case', 'Тема письма клиента', 'Полный текст']).text).toEqual([
      'Тема письма клиента',
      'Полный текст',
    ]);
    expect(() => names(['Case', 'Textile', 'Embodyment'])).toThrow(/no text column found/);
    // An exact name beats a loose one even when the loose one comes first in the export.
    expect(names(['Customer comment', 'Comment']).text).toEqual(['Comment']);
  });

  it('the first column of the export can be the loosely matched text or the created date', () => {
    expect(names(['Customer comment', 'Case'])).toEqual({ text: ['Customer comment'], id: null, date: null });
    expect(names(['Creation time', 'Subject'])).toEqual({ text: ['Subject'], id: null, date: 'Creation time' });
  });

  it('one column that reads as both a subject and a body is the text once', () => {
    expect(names(['ID', 'Request title'])).toEqual({ text: ['Request title'], id: 'ID', date: null });
  });

  it('a column named as the id is never also the text or the date', () => {
    // Some Russian exports hold the ticket number in "Обращение" (also a word for the request's text).
    expect(names(['Обращение', 'Тема', 'Комментарий клиента'], { id: 'Обращение' })).toEqual({
      text: ['Тема', 'Комментарий клиента'],
      id: 'Обращение',
      date: null,
    });
    expect(names(['Created', 'Subject'], { id: 'Created' })).toEqual({ text: ['Subject'], id: 'Created', date: null });
  });

  it('--text with no names leaves the text to detection', () => {
    expect(names(['ID', 'Subject', 'Body'], { text: [] })).toEqual({ text: ['Subject', 'Body'], id: 'ID', date: null });
  });

  it('a column named as the text is never also the id or the date', () => {
    expect(names(['Number', 'Subject'], { text: ['Number'] })).toEqual({ text: ['Number'], id: null, date: null });
    expect(names(['Date', 'Subject'], { text: ['Date'] })).toEqual({ text: ['Date'], id: null, date: null });
    // The date named by the user is not taken as the text.
    expect(names(['Subject', 'Message', 'Comment'], { date: 'Message' })).toEqual({
      text: ['Subject', 'Comment'],
      id: null,
      date: 'Message',
    });
  });

  it('listing the columns: line breaks become spaces, exactly 12 are all listed, a 40-character name is whole', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => (i === 0 ? 'first\r\n\nline' : `c${i}`));
    expect(() => chooseColumns(twelve, { id: 'nope' }, 'export.csv')).toThrow(
      /columns are: "first line", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11"$/,
    );
    const forty = 'x'.repeat(40);
    expect(() => chooseColumns([forty, `${forty}y`], { id: 'nope' }, 'export.csv')).toThrow(
      `columns are: "${forty}", "${'x'.repeat(39)}…"`,
    );
    expect(() => chooseColumns([...twelve, 'c12'], { id: 'nope' }, 'export.csv')).toThrow(/"c11" and 1 more$/);
  });
});
