# E-maily: zápatí každého newsletteru a potvrzovací e-mail (double opt-in).
# Argumenty jsou popsány v locales/en/mail.ftl.

## Zápatí každého newsletteru

mail-footer-why = Tento e-mail dostáváte, protože je vaše adresa přihlášena k odběru newsletteru organizace { $organisation }.
mail-footer-unsubscribe = Odhlásit odběr
mail-footer-preferences = Změnit nastavení
mail-footer-imprint = Právní informace
mail-fallback-note = Toto vydání zatím není k dispozici ve vašem jazyce ({ $requested }). Zde je verze v jazyce: { $used }
mail-name-fallback = milí čtenáři

## Potvrzovací e-mail

confirm-mail-subject = Potvrďte prosím odběr newsletteru organizace { $organisation }
# Jméno vynecháváme: oslovení vyžaduje 5. pád, který nelze automaticky utvořit.
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Dobrý den,
       *[false] Dobrý den,
    }
confirm-mail-body = Někdo (nejspíš vy) požádal o zasílání newsletteru organizace { $organisation } na tuto e-mailovou adresu. Potvrďte prosím odběr pomocí odkazu níže.
confirm-mail-button = Potvrdit odběr
confirm-mail-expiry =
    { $hours ->
        [one] Odkaz platí { $hours } hodinu.
        [few] Odkaz platí { $hours } hodiny.
        [many] Odkaz platí { $hours } hodiny.
       *[other] Odkaz platí { $hours } hodin.
    }
confirm-mail-ignore = Pokud o odběr nežádáte, tento e-mail prosím ignorujte; nic dalšího od nás nedostanete.

# The mail frame, in the reader's language.
mail-footer-privacy = Zásady ochrany osobních údajů
mail-sender-unnamed = Zpravodaj
mail-footer-why-unnamed = Tento e-mail dostáváte, protože jste se přihlásili k odběru tohoto zpravodaje.

mail-test-subject-prefix = [Test]
