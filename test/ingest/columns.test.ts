// Which columns become the ticket text, id and created-at date: user overrides, then detection.
import { describe, expect, it } from 'vitest';
import { chooseColumns, isCreatedStandIn, resolveColumnName } from '../../src/ingest/columns.js';
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
