// A story per planted topic (scripts/export-topics.mjs) with a customer's own details in it, for the all-different
// exports (scripts/generate-export.mjs --distinct): what this customer bought, where, when, for how much, what the
// screen said. Slots are filled by scripts/export-details.mjs: {goods} {model} {brand} {device} {city} {cityIn}
// {street} {number} {fullName} {relative} {browser} {version} {appVersion} {error} {code} {amount} {sum} {n}
// {order} {when} {day}.

/** @type {Record<string, string[]>} */
export const STORIES = {
  'ru-refund-late': [
    'Вернул {goods} ещё {when}, а {amount} так и не пришли на карту.',
    'Возврат за {goods} на сумму {amount} висит уже {n} недели.',
    'Сдал {goods} в пункт {cityIn}, акт возврата есть, денег нет.',
  ],
  'ru-courier-late': [
    'Курьер должен был привезти {goods} {when}, сижу дома {cityIn} и жду.',
    'Отпросился с работы ради доставки, адрес {street}, курьера нет.',
    'Курьер {name} написал, что будет через час, прошло уже {n} часа.',
  ],
  'ru-promo-code': [
    'Промокод на скидку при покупке {goods} пишет «{error}».',
    'Хотел купить {goods} со скидкой по промокоду, а списали {amount}.',
    'Промокод из рассылки от {day} не работает для {model}.',
  ],
  'ru-app-crash': [
    'Приложение {appVersion} на {device} вылетает с ошибкой «{error}».',
    'На {device} после обновления {when} приложение закрывается само.',
    'Вылетает при открытии карточки товара {model}, телефон {device}.',
  ],
  'ru-sms-code': [
    'Код по смс не приходит на номер, телефон {device}, нахожусь {cityIn}.',
    'Запрашивал код для входа {n} раз, в ответ «{error}».',
    'Смс с кодом приходит через полчаса, когда он уже недействителен.',
  ],
  'ru-double-charge': [
    'За {goods} списали {amount} два раза подряд.',
    'В выписке два одинаковых списания по {sum} руб. за {model}.',
    'Оплачивал {when}, деньги сняли дважды, второй платёж — {amount}.',
  ],
  'ru-wrong-item': [
    'Заказывал {goods}, а привезли совсем другой товар.',
    'Вместо {model} в коробке лежал {brand} другой модели.',
    'Размер не тот: заказывал {goods} размера {n}, пришёл больше.',
  ],
  'ru-account-blocked': [
    'Аккаунт заблокирован {when}, при входе пишет «{error}».',
    'После покупки {goods} мой аккаунт заблокировали, на счету {amount}.',
    'Заблокировали учётную запись, когда я заходил {cityIn} с нового телефона {device}.',
  ],
  'ru-bonus-points': [
    'За покупку {goods} должны были начислить бонусные баллы, их нет.',
    'Кэшбэк за {model} на сумму {amount} не начислен.',
    'Баллы за заказ от {day} так и не пришли на карту лояльности.',
  ],
  'ru-subscription-cancel': [
    'Подписку отключал {when}, а сегодня списали {amount}.',
    'Хочу отменить подписку, в приложении {appVersion} на {device} нет кнопки.',
    'Платная подписка продлилась сама, списание {sum} руб.',
  ],
  'ru-broadcast': [
    'Трансляция с {device} обрывается с ошибкой «{error}».',
    'Веду эфир {cityIn}, скорость нормальная, но трансляция падает каждые {n} минут.',
    'Кнопка запуска трансляции неактивна в браузере {browser} {version}.',
  ],
  'ru-pickup-point': [
    'Пункт выдачи на {street} закрыт, а там лежит мой {goods}.',
    'В пункте выдачи {cityIn} говорят, что заказа нет, хотя статус «ожидает».',
    'Не успеваю забрать {goods} из пункта выдачи до {day}, продлите хранение.',
  ],
  'ru-invoice-documents': [
    'Для бухгалтерии нужен счёт-фактура на {amount} за {goods}.',
    'Наша организация {cityIn}, пришлите закрывающие документы по заказу от {day}.',
    'В акте неверная сумма: должно быть {amount}.',
  ],
  'ru-damaged': [
    'Привезли {goods} с трещиной на корпусе, не включается.',
    '{model} пришёл повреждённым, коробка мятая, внутри брак.',
    'Распаковал {goods} и сразу обнаружил брак, стоимость {amount}.',
  ],
  'ru-address-change': [
    'Поменяйте, пожалуйста, адрес доставки на {city}, {street}.',
    'Ошибся в адресе доставки для {goods}, правильный адрес {street}.',
    'Переехал {cityIn}, нужно изменить адрес в заказе от {day}.',
  ],
  'ru-payment-declined': [
    'Оплата за {goods} не проходит, пишет «{error}».',
    'Пытаюсь оплатить {amount}, банк отклоняет операцию.',
    'Оплата картой отклонена на {device}, через компьютер то же самое.',
  ],
  'en-password-reset': [
    'The password reset link in the email from {day} says "{error}".',
    'I tried to reset my password from my {device} and from {browser}, neither worked.',
    'Reset my password {n} times today and still cannot log in.',
  ],
  'en-refund-status': [
    'I sent the {goods} back {when} and the refund of {amount} has not arrived.',
    'The refund for my {model} still shows as pending after {n} weeks.',
    'Returned the {goods} at the post office in {city}, still no refund.',
  ],
  'en-shipping-delay': [
    'My {goods} was due {when} and tracking has not moved since.',
    'The parcel with my {model} is stuck somewhere near {city}.',
    'Still waiting for the {goods} I ordered {when}, shipping is {n} days late.',
  ],
  'en-billing-charge': [
    'I was billed {amount} twice on my card for the same invoice.',
    'There is a charge of {sum} USD from {day} that I did not make.',
    'My invoice shows {amount} instead of the plan price.',
  ],
  'en-app-sync': [
    'Notes I add on my {device} do not sync to the desktop app {appVersion}.',
    'Sync stops with "{error}" every time I open the app on my {device}.',
    'The desktop app in {browser} {version} shows old data, sync is stuck.',
  ],
  'en-cancel-subscription': [
    'I cancelled my subscription {when} but was charged {amount} again.',
    'Please cancel my plan, there is no cancel button in the app on my {device}.',
    'The auto-renewal charged me {sum} USD after I cancelled the subscription.',
  ],
  'en-api-rate-limit': [
    'Our nightly import gets 429 rate limit errors after {n}00 requests, "{error}".',
    'The API rate limit hits us at about {n}0 requests a second from our {city} servers.',
    'We keep getting rate limited on the API since {day}, request id {code}.',
  ],
  'en-export-report': [
    'The CSV export of the report for {n} months fails with "{error}".',
    'Exporting the sales report to CSV from {browser} {version} times out.',
    'The exported report file is empty since {day}.',
  ],
  'en-2fa': [
    'I replaced my phone with a {device} and lost the two-factor codes.',
    'The authenticator code on my {device} is rejected with "{error}".',
    'Two-factor login keeps failing while I am travelling in {city}.',
  ],
  'en-damaged-item': [
    'The {goods} arrived damaged, the box was crushed and it does not turn on.',
    'My {model} arrived broken, cracked right across the front.',
    'Received a damaged {goods} worth {amount}, photos attached.',
  ],
  'en-invite-team': [
    'I invited {fullName} to the workspace {n} times, the invite never arrives.',
    'Cannot add a new user to our team workspace, it says "{error}".',
    'Our {city} office needs {n} more seats in the workspace.',
  ],
  'en-notifications': [
    'Push notifications keep coming on my {device} although I turned them off.',
    'I get {n} notification emails for every comment since {day}.',
    'Notifications stopped on my {device} after updating to {appVersion}.',
  ],
  'en-data-deletion': [
    'Please delete my account and all personal data, my name is {fullName}.',
    'I asked for my data to be deleted {when} under GDPR and heard nothing.',
    'Send me a copy of my personal data, then delete the account.',
  ],
  'en-checkout-error': [
    'Checkout for a {goods} fails with "{error}".',
    'The pay button does nothing at checkout in {browser} {version}.',
    'My card is declined at checkout for {amount}, the bank says it is fine.',
  ],
  'en-integration-slack': [
    'The Slack integration stopped posting to our channel on {day}, "{error}".',
    'Webhooks from the integration do not fire since {when}, event id {code}.',
    'The Jira integration created {n} duplicate issues today.',
  ],
};
