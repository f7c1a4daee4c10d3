// What the customer wrote, out of a mail client's HTML and raw text: quoted threads however the client marks
// them, words that markup separated kept apart, and closings, line ends and decomposed letters as people type them.
import { describe, expect, it } from 'vitest';
import { cleanTicketText, normalizeWhitespace } from '../../src/text/clean.js';

describe('quoted threads in mail HTML', () => {
  it('a Gmail, Yahoo or Thunderbird quote goes even when no "wrote:" line opens it', () => {
    for (const cls of ['gmail_quote', 'yahoo_quoted', 'moz-cite-prefix']) {
      const html =
        `<div>Still no refund.</div><div id="q1" class="x ${cls} extra" dir="ltr">` +
        '<div>Your parcel is on its way, please wait a few days.</div>\n<div>Support team</div></div>';
      expect(cleanTicketText(html)).toBe('Still no refund.');
    }
  });

  it('a <blockquote> with attributes goes, and the lines either side of it stay apart', () => {
    expect(cleanTicketText('Still broken.<blockquote type="cite">Did you restart?</blockquote>Please refund.')).toBe(
      'Still broken.\nPlease refund.',
    );
  });
});

describe('words that markup separated', () => {
  it('stay apart around a comment, a script with attributes, a table cell or a <br />', () => {
    expect(cleanTicketText('<p>Parcel<!-- tracking widget -->missing</p>')).toBe('Parcel missing');
    expect(cleanTicketText('<p>Parcel<script type="text/javascript">track("x")</script>missing</p>')).toBe(
      'Parcel missing',
    );
    expect(cleanTicketText('<p>Parcel<style media="all">p{color:red}</style>missing</p>')).toBe('Parcel missing');
    expect(cleanTicketText('<table><tr><td>Order</td><td>5521</td></tr><tr><td>late</td></tr></table>')).toBe(
      'Order 5521\nlate',
    );
    expect(cleanTicketText('Order late<br />Still waiting<BR/>Again')).toBe('Order late\nStill waiting\nAgain');
  });

  it('a doctype with its public identifier is no text', () => {
    const page =
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"><html><body><p>Refund please</p></body></html>';
    expect(cleanTicketText(page)).toBe('Refund please');
  });
});

describe('as people type it', () => {
  it('a closing word alone on its line, then a name, is a signature', () => {
    expect(cleanTicketText('Order is late.\nThanks\nAnna Lee')).toBe('Order is late.');
    expect(cleanTicketText('Заказ опаздывает.\nСпасибо\nАнна')).toBe('Заказ опаздывает.');
  });

  it('old Mac line ends from the first character on, and space around the text', () => {
    expect(normalizeWhitespace('\rOrder late.\rStill waiting')).toBe('Order late.\nStill waiting');
    expect(normalizeWhitespace('  Order late.  ')).toBe('Order late.');
  });

  it('a one-word Russian ticket typed with decomposed letters is the same word', () => {
    expect(cleanTicketText('Чёрный'.normalize('NFD'))).toBe('Чёрный'.normalize('NFC'));
    expect(cleanTicketText('Чёрный'.normalize('NFD'))).not.toBe('Чёрный'.normalize('NFD'));
  });
});
