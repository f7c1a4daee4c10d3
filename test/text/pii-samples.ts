// The planted personal data of the PII suite: every value here must be masked wherever it appears.
// `text` is how it shows up in a ticket; `secret` is the part that must never reach any output.

export interface PiiSample {
  kind: string;
  text: string;
  secret: string;
}

export const PII_SAMPLES: PiiSample[] = [
  { kind: 'email', text: 'пишите на anna.smith+shop@example.co.uk', secret: 'anna.smith+shop@example.co.uk' },
  { kind: 'email', text: 'почта иван.петров@почта.рф', secret: 'иван.петров@почта.рф' },
  { kind: 'phone RU', text: 'мой номер +7 (912) 345-67-89', secret: '345-67-89' },
  { kind: 'phone RU', text: 'звоните 8 912 345 67 89', secret: '912 345 67 89' },
  { kind: 'phone RU Siberia', text: 'офис в Новосибирске 8 383 212-34-56', secret: '212-34-56' },
  { kind: 'phone RU Tomsk', text: 'Томск 8 (3822) 52-61-70', secret: '52-61-70' },
  { kind: 'phone RU mobile', text: 'перезвоните на 9123456789', secret: '9123456789' },
  { kind: 'phone UK', text: 'call me on +44 20 7946 0958', secret: '7946 0958' },
  { kind: 'phone UK', text: 'tel: 020 7946 0958 any time', secret: '020 7946 0958' },
  { kind: 'phone UK mobile', text: 'my mobile 07911 123456', secret: '07911 123456' },
  { kind: 'phone US', text: 'reach me at (555) 123-4567', secret: '123-4567' },
  { kind: 'card Luhn-valid', text: 'card 4111 1111 1111 1111 was charged twice', secret: '4111 1111 1111 1111' },
  { kind: 'card Luhn-invalid', text: 'карта 4276 3800 1234 5678 не проходит', secret: '4276 3800 1234 5678' },
  { kind: 'card solid', text: 'оплатил картой 5536913812345678', secret: '5536913812345678' },
  { kind: 'card dashes', text: 'card 5500-0000-0000-0004 declined', secret: '5500-0000-0000-0004' },
  { kind: 'passport RU', text: 'паспорт 4510 123456 выдан', secret: '4510 123456' },
  { kind: 'passport RU', text: 'серия 45 10 номер 654321', secret: '654321' },
  { kind: 'SNILS', text: 'СНИЛС 112-233-445 95', secret: '112-233-445 95' },
  { kind: 'SNILS', text: 'мой снилс 11223344595', secret: '11223344595' },
  { kind: 'INN', text: 'ИНН 7707083893 организации', secret: '7707083893' },
  { kind: 'INN', text: 'мой ИНН 500100732259', secret: '500100732259' },
  { kind: 'IBAN', text: 'IBAN DE89 3704 0044 0532 0130 00 please refund', secret: '3704 0044 0532' },
  { kind: 'IBAN', text: 'refund to GB82WEST12345698765432', secret: 'GB82WEST12345698765432' },
  { kind: 'account RU', text: 'р/с 40702810438110012345', secret: '40702810438110012345' },
  {
    kind: 'API key',
    text: 'my key sk-live-4eC39HqLyjWDarjtT1zdp7dc stopped working',
    secret: 'sk-live-4eC39HqLyjWDarjtT1zdp7dc',
  },
  { kind: 'API key', text: 'ключ sk-proj-Zx81kQm2Lp09sHt7Wq3v не работает', secret: 'Zx81kQm2Lp09sHt7Wq3v' },
  { kind: 'bearer', text: 'Authorization: Bearer abc123def456ghi789', secret: 'abc123def456ghi789' },
  {
    kind: 'JWT',
    text: 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    secret: 'dozjgNryP4J3jVmNHl0w5N',
  },
  {
    kind: 'GitHub token',
    text: 'pushed with ghp_16C7e42F292c6912E7710c838347Ae178B4a',
    secret: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  },
  { kind: 'AWS key', text: 'AWS AKIAIOSFODNN7EXAMPLE leaked', secret: 'AKIAIOSFODNN7EXAMPLE' },
  { kind: 'URL token', text: 'link https://shop.example.com/reset?token=Q9xT4mB7kL2p', secret: 'Q9xT4mB7kL2p' },
  { kind: 'bare URL token', text: 'open shop.example.com/confirm?access_token=Z8yH3nC6vR1w', secret: 'Z8yH3nC6vR1w' },
  { kind: 'URL credentials', text: 'endpoint http://admin:s3cretPass@10.0.0.5/v1', secret: 's3cretPass' },
  { kind: 'password', text: 'пароль: Qwerty123 не подходит', secret: 'Qwerty123' },
];

/** Ordinary numbers a report must keep: order numbers, amounts, dates, versions, times. */
export const ORDINARY_TEXTS: string[] = [
  'Order 48213 of 12.03.2024 at 10:30',
  'charged 1 500 000 руб, then $1,234.56 and 3 000 ₽',
  'on 2024-03-05 at 14:05:33',
  'version 2.13.4 build 20240305',
  'tracking 123456789012',
  'order #4821375',
  'invoice 2024-000123 for 15000 руб за 3 месяца',
  'promo SPRING20 gives 20% off',
  'promo code: VESNA25',
  'paid 12 500,00 руб. 05.03.2024',
  'my account 2 days ago',
  'Room 1203, floor 12',
  'GB82 is not an iban',
  'ticket 1234567890 reopened',
  'в 2023 году 150 заказов, 4 мар. 2024 в 10:53',
  'error code: E4012, HTTP 503',
  'my token expired yesterday',
  'call me at 5551234',
];
