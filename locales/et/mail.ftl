# E-kirjad: iga uudiskirja jalus ja kinnituskiri (topeltkinnitus).
# Argumendid on kirjeldatud failis locales/en/mail.ftl.

## Iga uudiskirja jalus

mail-footer-why = Saate selle e-kirja, sest tellisite organisatsiooni { $organisation } uudiskirja.
mail-footer-unsubscribe = Lõpeta tellimus
mail-footer-preferences = Muuda seadeid
mail-footer-imprint = Õiguslik teave
mail-fallback-note = See number ei ole veel teie keeles ({ $requested }) saadaval. Siin on versioon järgmises keeles: { $used }
mail-name-fallback = lugeja

## Kinnituskiri

confirm-mail-subject = Palun kinnitage organisatsiooni { $organisation } uudiskirja tellimus
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Tere!
       *[false] Tere, { $name }!
    }
confirm-mail-body = Teie e-posti aadressile telliti organisatsiooni { $organisation } uudiskiri. Kui tellisite selle ise, kinnitage palun tellimus alloleva lingi kaudu.
confirm-mail-button = Kinnita tellimus
confirm-mail-expiry =
    { $hours ->
        [one] Link kehtib { $hours } tund.
       *[other] Link kehtib { $hours } tundi.
    }
confirm-mail-ignore = Kui te ei tellinud uudiskirja, jätke see e-kiri tähelepanuta – te ei saa meilt midagi.

# The mail frame, in the reader's language.
mail-footer-privacy = Privaatsuspoliitika
mail-sender-unnamed = Uudiskiri
mail-footer-why-unnamed = Saate selle e-kirja, sest tellisite selle uudiskirja.

mail-test-subject-prefix = [Test]
