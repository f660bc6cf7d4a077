# E-mailuri: subsolul fiecărui newsletter și e-mailul de confirmare (dublă confirmare).
# Argumentele sunt descrise în locales/en/mail.ftl. „organizației { $organisation }”:
# numele rămâne nearticulat, fără genitiv.

## Subsolul fiecărui newsletter

mail-footer-why = Primiți acest e-mail pentru că v-ați abonat la newsletterul organizației { $organisation }.
mail-footer-unsubscribe = Dezabonare
mail-footer-preferences = Modificați preferințele
mail-footer-imprint = Informații legale
mail-fallback-note = Acest număr nu este încă disponibil în limba dumneavoastră ({ $requested }). Iată versiunea în limba: { $used }
mail-name-fallback = dragă cititoare, dragă cititorule

## E-mailul de confirmare

confirm-mail-subject = Vă rugăm să confirmați abonarea la newsletterul organizației { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Bună ziua,
       *[false] Bună ziua, { $name },
    }
confirm-mail-body = Dumneavoastră (sau cineva care a folosit adresa dumneavoastră de e-mail) ați cerut să primiți newsletterul organizației { $organisation }. Vă rugăm să confirmați abonarea folosind linkul de mai jos.
confirm-mail-button = Confirmați abonarea
confirm-mail-expiry =
    { $hours ->
        [one] Linkul este valabil { $hours } oră.
        [few] Linkul este valabil { $hours } ore.
       *[other] Linkul este valabil { $hours } de ore.
    }
confirm-mail-ignore = Dacă nu v-ați abonat dumneavoastră, vă rugăm să ignorați acest e-mail; nu veți primi nimic de la noi.

# The mail frame, in the reader's language.
mail-footer-privacy = Politica de confidențialitate
mail-sender-unnamed = Buletin informativ
mail-footer-why-unnamed = Primiți acest e-mail deoarece v-ați abonat la acest buletin informativ.

mail-test-subject-prefix = [Test]
