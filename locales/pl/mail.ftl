# E-maile: stopka każdego newslettera i wiadomość potwierdzająca (double opt-in).
# Argumenty opisano w locales/en/mail.ftl. „organizacji { $organisation }”: nazwa
# pozostaje w mianowniku, więc nie trzeba jej odmieniać.

## Stopka każdego newslettera

mail-footer-why = Otrzymują Państwo tę wiadomość, ponieważ zapisali się Państwo do newslettera organizacji { $organisation }.
mail-footer-unsubscribe = Zrezygnuj z subskrypcji
mail-footer-preferences = Zmień ustawienia
mail-footer-imprint = Nota prawna
mail-fallback-note = To wydanie nie jest jeszcze dostępne w Państwa języku ({ $requested }). Oto wersja w języku: { $used }
mail-name-fallback = Szanowni Państwo

## Wiadomość potwierdzająca

confirm-mail-subject = Prosimy potwierdzić subskrypcję newslettera organizacji { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Dzień dobry,
       *[false] Dzień dobry, { $name },
    }
confirm-mail-body = Otrzymaliśmy prośbę o przesyłanie newslettera organizacji { $organisation } na ten adres e-mail (od Państwa lub od kogoś, kto go podał). Prosimy potwierdzić subskrypcję za pomocą poniższego linku.
confirm-mail-button = Potwierdź subskrypcję
confirm-mail-expiry =
    { $hours ->
        [one] Link jest ważny przez { $hours } godzinę.
        [few] Link jest ważny przez { $hours } godziny.
        [many] Link jest ważny przez { $hours } godzin.
       *[other] Link jest ważny przez { $hours } godziny.
    }
confirm-mail-ignore = Jeśli to nie Państwo zapisali się do newslettera, prosimy zignorować tę wiadomość – nie otrzymają Państwo od nas nic więcej.

# The mail frame, in the reader's language.
mail-footer-privacy = Polityka prywatności
mail-sender-unnamed = Biuletyn
mail-footer-why-unnamed = Otrzymują Państwo tę wiadomość, ponieważ zapisali się Państwo na ten newsletter.

mail-test-subject-prefix = [Test]
