# E-Mails: Fußzeile jedes Newsletters und Bestätigungsmail (Double-Opt-in).
# Die Argumente sind in locales/en/mail.ftl beschrieben. Anrede: „Sie“.

## Fußzeile jedes Newsletters

mail-footer-why = Sie erhalten diese E-Mail, weil Sie den Newsletter der Einrichtung { $organisation } abonniert haben.
mail-footer-unsubscribe = Abbestellen
mail-footer-preferences = Einstellungen ändern
mail-footer-imprint = Impressum
mail-fallback-note = Diese Ausgabe gibt es noch nicht in Ihrer Sprache ({ $requested }). Hier ist die Fassung in der Sprache { $used }.
mail-name-fallback = liebe Leserin, lieber Leser

## Bestätigungsmail (Double-Opt-in)

confirm-mail-subject = Bitte bestätigen Sie Ihr Newsletter-Abonnement – { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Guten Tag,
       *[false] Guten Tag { $name },
    }
confirm-mail-body = Sie (oder jemand, der Ihre E-Mail-Adresse angegeben hat) möchten den Newsletter der Einrichtung { $organisation } erhalten. Bitte bestätigen Sie Ihr Abonnement über den Link unten.
confirm-mail-button = Abonnement bestätigen
confirm-mail-expiry =
    { $hours ->
        [one] Der Link ist { $hours } Stunde gültig.
       *[other] Der Link ist { $hours } Stunden gültig.
    }
confirm-mail-ignore = Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail bitte; Sie erhalten dann nichts von uns.

# The mail frame, in the reader's language.
mail-footer-privacy = Datenschutzerklärung
mail-sender-unnamed = Newsletter
mail-footer-why-unnamed = Sie erhalten diese E-Mail, weil Sie diesen Newsletter abonniert haben.

mail-test-subject-prefix = [Test]
