# Публични страници: абонамент, потвърждение, отписване, настройки, грешки.
# Аргументите са описани в locales/en/public.ftl. Обръщение: „Вие“ (с главна буква).

## Всички страници

site-language-label = Език
site-imprint-link = Правна информация
site-privacy-link = Политика за поверителност

## Формуляр за абонамент

subscribe-title = Абонамент за бюлетина
subscribe-intro = Получавайте новини от { $organisation } по имейл, на Вашия език. Абонаментът е безплатен и можете да го прекратите по всяко време.
subscribe-email-label = Имейл адрес
subscribe-name-label = Име (по желание)
subscribe-language-label = Език на бюлетина
subscribe-topics-legend = Теми
subscribe-topics-hint = Изберете темите, които Ви интересуват.
subscribe-region-label = Регион (по желание)
subscribe-region-none = Без конкретен регион
subscribe-audience-label = Кое Ви описва най-добре?
subscribe-audience-citizen = Гражданин или гражданка на ЕС
subscribe-audience-counsellor = Консултант или консултантски център
subscribe-audience-organisation = Организация или общност
subscribe-consent-v1 = Давам съгласие { $organisation } да съхранява имейл адреса ми и посочените по-горе данни, за да ми изпраща бюлетина. Първо ще получа имейл, с който да потвърдя абонамента си. Мога да оттегля съгласието си по всяко време, например чрез връзката във всеки бюлетин.
subscribe-privacy-note = Как обработваме Вашите данни, можете да прочетете в нашата политика за поверителност.
subscribe-submit = Абонирам се
subscribe-honeypot-label = Оставете това поле празно

## След абонирането

subscribe-check-inbox-title = Моля, проверете пощата си
subscribe-check-inbox-text = Изпратихме имейл на { $email }. Моля, щракнете върху връзката в него, за да потвърдите абонамента си.
subscribe-check-inbox-spam = Не сте получили имейл след няколко минути? Моля, проверете и папката за спам.

## Връзка за потвърждение

confirm-success-title = Абонаментът е потвърден
confirm-success-text = Благодарим Ви! Отсега нататък ще получавате нашия бюлетин. Можете по всяко време да промените настройките си или да прекратите абонамента чрез връзките в края на всеки бюлетин.
confirm-invalid-title = Връзката е невалидна или е изтекла
confirm-invalid-text = Връзките за потвърждение са валидни само за ограничено време и могат да се използват само веднъж. Въведете имейл адреса си и ще Ви изпратим нова връзка.
confirm-resend-button = Изпращане на нова връзка
confirm-page-title = Потвърдете абонамента си
confirm-page-text = Моля, потвърдете с бутона по-долу, че желаете да получавате нашия бюлетин.
confirm-page-button = Потвърждаване на абонамента
confirm-page-ignore = Ако не сте се абонирали, просто затворете тази страница. Без потвърждение няма да получавате бюлетина.

## Отписване

unsubscribe-title = Отписване от бюлетина
unsubscribe-question = Наистина ли не желаете повече да получавате бюлетина?
unsubscribe-button = Отписване
unsubscribe-preferences-link = Или вместо това променете темите и езика
unsubscribe-done-title = Отписахте се от бюлетина
unsubscribe-done-text = Вече няма да получавате бюлетина. Ако това е грешка, можете да се абонирате отново по всяко време.
unsubscribe-resubscribe-link = Нов абонамент

## Настройки

preferences-title = Вашите настройки
preferences-intro = Тук можете да промените езика и темите на Вашия бюлетин.
preferences-save = Запазване на настройките
preferences-saved = Настройките Ви са запазени.
preferences-delete-title = Изтриване на Вашите данни
preferences-delete-warning = Така ще изтриете абонамента си и всички данни, които съхраняваме за Вас. Това действие не може да бъде отменено.
preferences-delete-button = Изтриване на всички мои данни
preferences-erased-title = Данните Ви бяха изтрити
preferences-erased-text = Изтрихме абонамента и личните Ви данни. Запазваме само бележка, че на този адрес повече не трябва да се изпращат имейли.

## Грешки и проверка на формуляра

error-not-found-title = Страницата не е намерена
error-not-found-text = Търсената страница не съществува. Моля, проверете адреса.
error-bad-request-title = Невалидна заявка
error-bad-request-text = Заявката Ви не можа да бъде обработена. Моля, върнете се и опитайте отново.
error-rate-limited-title = Твърде много заявки
error-rate-limited-text = От Вашата връзка бяха изпратени твърде много заявки. Моля, опитайте отново след няколко минути.
error-internal-title = Нещо се обърка
error-internal-text = При нас възникна неочаквана грешка. Моля, опитайте отново по-късно.
error-home-link = Към страницата за абонамент
error-form-summary = Моля, проверете въведените данни.
error-email-invalid = Моля, въведете валиден имейл адрес.
error-email-local-ascii = Не можем да изпращаме имейли до този адрес: преди @ са възможни само латински букви без диакритични знаци (a–z), цифри и знаци като . _ - +.
error-consent-missing = Моля, дайте съгласие за обработването на данните Ви, за да можем да Ви изпращаме бюлетина.
error-language-unknown = Моля, изберете един от предложените езици.
error-unavailable-title = Услугата е временно недостъпна
error-unavailable-text = В момента услугата няма връзка с базата данни. Въведените от Вас данни не са изгубени. Моля, опитайте отново след минута.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Давам съгласие организацията { $organisation } да съхранява и използва имейл адреса ми и посочените по-горе данни, за да ми изпраща по имейл бюлетина по избраните теми. Първо ще получа имейл, с който да потвърдя абонамента си. Мога да оттегля съгласието си по всяко време с действие занапред, например чрез връзката за отписване във всеки бюлетин.
erase-confirm-title = Наистина ли искате да изтриете всички свои данни?
erase-confirm-text = Ще изтрием имейл адреса, името, темите и настройките Ви. Повече няма да получавате бюлетина. Това действие не може да бъде отменено.
erase-confirm-button = Да, изтрийте всички мои данни
erase-confirm-cancel = Не, запазете данните ми
unsubscribed-status-text = Отписахте се и вече не получавате бюлетина.
data-link = Вижте данните, които съхраняваме за Вас
data-title = Вашите данни
data-intro = Това са всички данни, които съхраняваме за Вас. Можете да ги изтеглите и като файл.
data-download = Изтегляне като файл (JSON)
data-profile-heading = Вашите сведения
data-signed-up = Дата на абониране
data-consent-heading = Вашите съгласия и промени
data-consent-when = Кога
data-consent-action = Какво
data-consent-version = Версия на текста
data-deliveries-heading = Изпратени до Вас бюлетини
data-delivery-issue = Брой
data-delivery-sent = Дата на изпращане
data-deliveries-none = Все още не Ви е изпратен бюлетин.
data-none = няма
data-action-signup = Абониране
data-action-confirm = Потвърждение
data-action-preferences = Промяна на настройките
data-action-unsubscribe = Отписване
data-action-import = Добавяне от организацията
data-action-erase = Изтриване на данните
data-action-bounce = Адресът е недостижим
data-action-complaint = Сигнал за спам
data-action-suppression_lifted = Блокирането на адреса е отменено

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Към съдържанието
site-accessibility-link = Декларация за достъпност
site-contact-label = Контакт
site-legal-label = Правна информация
site-back-to-website = Обратно към уебсайта
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = екипът на бюлетина
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Бюлетин

test-mail-title = Това беше тестов имейл
test-mail-text = Тази връзка е от тестов имейл или от преглед на бюлетина. Тя не е свързана с абонамент, затова нищо не е променено.

# The public archive (issue 23).
archive-title = Архив
archive-empty = Все още няма публикувани броеве.
archive-feed-title = Архив на бюлетина
archive-feed-link = Емисия с новите броеве
archive-neutral-email = Вашия имейл адрес
archive-view-in-browser = Вижте този брой в браузъра
archive-other-languages = Този брой на други езици
archive-all-issues = Всички броеве

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Проверяваме дали сте човек, а не програма… Това отнема няколко секунди.
subscribe-pow-done = Проверката приключи. Можете да изпратите формуляра.
subscribe-pow-failed = Проверката не можа да бъде извършена. Моля, презаредете страницата и опитайте отново.
subscribe-pow-noscript = За да спре автоматичните абонаменти, този формуляр кара браузъра Ви да реши малка изчислителна задача. Моля, включете JavaScript за тази страница, за да се абонирате.
error-pow = Проверката дали сте човек липсва, изтекла е или вече е използвана. Моля, изчакайте проверката да приключи и изпратете формуляра отново.
