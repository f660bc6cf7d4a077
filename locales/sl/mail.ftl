# E-sporočila: noga vsakih e-novic in sporočilo za potrditev prijave (dvojna potrditev).
# Argumenti so opisani v locales/en/mail.ftl.

## Noga vsakih e-novic

mail-footer-why = To e-sporočilo prejemate, ker ste se prijavili na e-novice organizacije { $organisation }.
mail-footer-unsubscribe = Odjava
mail-footer-preferences = Spremeni nastavitve
mail-footer-imprint = Impresum
mail-fallback-note = Ta številka še ni na voljo v vašem jeziku ({ $requested }). Tukaj je različica v jeziku: { $used }
mail-name-fallback = draga bralka, dragi bralec

## Sporočilo za potrditev prijave

confirm-mail-subject = Potrdite prijavo na e-novice organizacije { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Dober dan,
       *[false] Dober dan, { $name },
    }
confirm-mail-body = Vi (ali nekdo, ki je uporabil vaš e-poštni naslov) ste zaprosili za prejemanje e-novic organizacije { $organisation }. Prijavo potrdite s povezavo spodaj.
confirm-mail-button = Potrdi prijavo
confirm-mail-expiry =
    { $hours ->
        [one] Povezava velja { $hours } uro.
        [two] Povezava velja { $hours } uri.
        [few] Povezava velja { $hours } ure.
       *[other] Povezava velja { $hours } ur.
    }
confirm-mail-ignore = Če se niste prijavili, to e-sporočilo prezrite; od nas ne boste prejeli ničesar.

# The mail frame, in the reader's language.
mail-footer-privacy = Politika zasebnosti
mail-sender-unnamed = E-novice
mail-footer-why-unnamed = To e-sporočilo prejemate, ker ste naročeni na te e-novice.

mail-test-subject-prefix = [Preizkus]
