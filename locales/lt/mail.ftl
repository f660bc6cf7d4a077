# El. laiškai: kiekvieno naujienlaiškio poraštė ir patvirtinimo laiškas (dvigubas patvirtinimas).
# Argumentai aprašyti faile locales/en/mail.ftl.

## Kiekvieno naujienlaiškio poraštė

mail-footer-why = Šį el. laišką gaunate, nes užsiprenumeravote organizacijos { $organisation } naujienlaiškį.
mail-footer-unsubscribe = Atsisakyti prenumeratos
mail-footer-preferences = Keisti nustatymus
mail-footer-imprint = Teisinė informacija
mail-fallback-note = Šio numerio Jūsų kalba ({ $requested }) dar nėra. Štai versija šia kalba: { $used }
mail-name-fallback = skaitytoja, skaitytojau

## Patvirtinimo laiškas

confirm-mail-subject = Patvirtinkite organizacijos { $organisation } naujienlaiškio prenumeratą
# Vardas praleidžiamas: kreipiniui reikia šauksmininko, kurio automatiškai sudaryti negalima.
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Laba diena,
       *[false] Laba diena,
    }
confirm-mail-body = Jūs (arba kažkas, pasinaudojęs Jūsų el. pašto adresu) paprašėte siųsti organizacijos { $organisation } naujienlaiškį. Patvirtinkite prenumeratą paspausdami toliau esančią nuorodą.
confirm-mail-button = Patvirtinti prenumeratą
# intl_pluralrules 7.0.2 (used by Fluent) puts 22–29, 32–39, … into "other" instead of "few"
# ("48 valandų" instead of "48 valandas"). The abbreviation "val." fits every number, so only
# "one" (1, 21, 31, …), which the library gets right, spells the word out.
confirm-mail-expiry =
    { $hours ->
        [one] Nuoroda galioja { $hours } valandą.
        [few] Nuoroda galioja { $hours } valandas.
        [many] Nuoroda galioja { $hours } valandos.
       *[other] Nuoroda galioja { $hours } valandų.
    }
confirm-mail-ignore = Jei neužsiprenumeravote, šį laišką tiesiog ignoruokite – nieko iš mūsų negausite.

# The mail frame, in the reader's language.
mail-footer-privacy = Privatumo politika
mail-sender-unnamed = Naujienlaiškis
mail-footer-why-unnamed = Gaunate šį el. laišką, nes užsiprenumeravote šį naujienlaiškį.

mail-test-subject-prefix = [Bandymas]
