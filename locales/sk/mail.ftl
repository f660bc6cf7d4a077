# E-maily: päta každého newslettera a potvrdzovací e-mail (double opt-in).
# Argumenty sú opísané v locales/en/mail.ftl.

## Päta každého newslettera

mail-footer-why = Tento e-mail dostávate, pretože ste sa prihlásili na odber newslettera organizácie { $organisation }.
mail-footer-unsubscribe = Odhlásiť sa z odberu
mail-footer-preferences = Zmeniť nastavenia
mail-footer-imprint = Právne informácie
mail-fallback-note = Toto vydanie zatiaľ nie je k dispozícii vo vašom jazyku ({ $requested }). Tu je verzia v jazyku: { $used }
mail-name-fallback = milá čitateľka, milý čitateľ

## Potvrdzovací e-mail

confirm-mail-subject = Potvrďte, prosím, odber newslettera organizácie { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Dobrý deň,
       *[false] Dobrý deň, { $name },
    }
confirm-mail-body = Vy (alebo niekto, kto použil vašu e-mailovú adresu) ste požiadali o zasielanie newslettera organizácie { $organisation }. Potvrďte, prosím, odber pomocou odkazu nižšie.
confirm-mail-button = Potvrdiť odber
confirm-mail-expiry =
    { $hours ->
        [one] Odkaz platí { $hours } hodinu.
        [few] Odkaz platí { $hours } hodiny.
        [many] Odkaz platí { $hours } hodiny.
       *[other] Odkaz platí { $hours } hodín.
    }
confirm-mail-ignore = Ak ste sa neprihlásili, tento e-mail, prosím, ignorujte; nič ďalšie od nás nedostanete.

# The mail frame, in the reader's language.
mail-footer-privacy = Zásady ochrany osobných údajov
mail-sender-unnamed = Spravodaj
mail-footer-why-unnamed = Tento e-mail dostávate, pretože ste sa prihlásili na odber tohto spravodaja.

mail-test-subject-prefix = [Test]
