# Имейли: долен колонтитул на всеки бюлетин и имейл за потвърждение (двойно потвърждение).
# Аргументите са описани в locales/en/mail.ftl.

## Долен колонтитул на всеки бюлетин

mail-footer-why = Получавате този имейл, защото сте се абонирали за бюлетина на { $organisation }.
mail-footer-unsubscribe = Отписване
mail-footer-preferences = Промяна на настройките
mail-footer-imprint = Правна информация
mail-fallback-note = Този брой все още не е наличен на Вашия език ({ $requested }). Ето версията на следния език: { $used }
mail-name-fallback = уважаеми читатели

## Имейл за потвърждение

confirm-mail-subject = Моля, потвърдете абонамента си за бюлетина на { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Здравейте!
       *[false] Здравейте, { $name }!
    }
confirm-mail-body = Вие (или някой, използвал Вашия имейл адрес) заявихте, че искате да получавате бюлетина на { $organisation }. Моля, потвърдете абонамента си чрез връзката по-долу.
confirm-mail-button = Потвърждаване на абонамента
confirm-mail-expiry =
    { $hours ->
        [one] Връзката е валидна { $hours } час.
       *[other] Връзката е валидна { $hours } часа.
    }
confirm-mail-ignore = Ако не сте се абонирали, просто пренебрегнете този имейл – няма да получавате нищо от нас.

# The mail frame, in the reader's language.
mail-footer-privacy = Политика за поверителност
mail-sender-unnamed = Бюлетин
mail-footer-why-unnamed = Получавате този имейл, защото сте се абонирали за този бюлетин.

mail-test-subject-prefix = [Тест]
