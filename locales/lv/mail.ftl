# E-pasti: katras jaunumu vēstules kājene un apstiprinājuma e-pasts (dubultā apstiprināšana).
# Argumenti aprakstīti failā locales/en/mail.ftl.

## Katras jaunumu vēstules kājene

mail-footer-why = Jūs saņemat šo e-pastu, jo abonējāt organizācijas { $organisation } jaunumu vēstuli.
mail-footer-unsubscribe = Atteikties no abonementa
mail-footer-preferences = Mainīt iestatījumus
mail-footer-imprint = Juridiskā informācija
mail-fallback-note = Šis izdevums vēl nav pieejams Jūsu valodā ({ $requested }). Šeit ir versija šajā valodā: { $used }
mail-name-fallback = lasītāj

## Apstiprinājuma e-pasts

confirm-mail-subject = Lūdzu, apstipriniet organizācijas { $organisation } jaunumu vēstules abonementu
# Vārds netiek lietots: uzrunai vajag vokatīvu, ko nevar izveidot automātiski.
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Labdien!
       *[false] Labdien!
    }
confirm-mail-body = Jūs (vai kāds, kas izmantoja Jūsu e-pasta adresi) pieprasījāt saņemt organizācijas { $organisation } jaunumu vēstuli. Lūdzu, apstipriniet abonementu, izmantojot zemāk esošo saiti.
confirm-mail-button = Apstiprināt abonementu
confirm-mail-expiry =
    { $hours ->
        [zero] Saite ir derīga { $hours } stundas.
        [one] Saite ir derīga { $hours } stundu.
       *[other] Saite ir derīga { $hours } stundas.
    }
confirm-mail-ignore = Ja abonementu nepieprasījāt, lūdzu, ignorējiet šo e-pastu – Jūs no mums neko nesaņemsiet.

# The mail frame, in the reader's language.
mail-footer-privacy = Privātuma politika
mail-sender-unnamed = Jaunumu vēstule
mail-footer-why-unnamed = Jūs saņemat šo e-pasta vēstuli, jo šī adrese ir pieteikta šīs jaunumu vēstules saņemšanai.

mail-test-subject-prefix = [Tests]
