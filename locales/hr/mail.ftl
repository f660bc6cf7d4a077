# E-pošta: podnožje svakog biltena i poruka za potvrdu pretplate (dvostruka potvrda).
# Argumenti su opisani u locales/en/mail.ftl.

## Podnožje svakog biltena

mail-footer-why = Ovu poruku primate jer ste se pretplatili na bilten organizacije { $organisation }.
mail-footer-unsubscribe = Otkaži pretplatu
mail-footer-preferences = Promijeni postavke
mail-footer-imprint = Impresum
mail-fallback-note = Ovo izdanje još nije dostupno na Vašem jeziku ({ $requested }). Ovo je inačica na jeziku: { $used }
mail-name-fallback = poštovani čitatelji

## Poruka za potvrdu pretplate

confirm-mail-subject = Potvrdite pretplatu na bilten organizacije { $organisation }
# Ime se izostavlja: obraćanje traži vokativ, koji se ne može automatski oblikovati.
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Dobar dan,
       *[false] Dobar dan,
    }
confirm-mail-body = Vi (ili netko tko je upotrijebio Vašu adresu e-pošte) zatražili ste primanje biltena organizacije { $organisation }. Potvrdite pretplatu putem poveznice u nastavku.
confirm-mail-button = Potvrdi pretplatu
confirm-mail-expiry =
    { $hours ->
        [one] Poveznica vrijedi { $hours } sat.
        [few] Poveznica vrijedi { $hours } sata.
       *[other] Poveznica vrijedi { $hours } sati.
    }
confirm-mail-ignore = Ako se niste pretplatili, zanemarite ovu poruku; od nas nećete ništa primiti.

# The mail frame, in the reader's language.
mail-footer-privacy = Politika privatnosti
mail-sender-unnamed = Bilten
mail-footer-why-unnamed = Ovu e-poruku primate jer ste se pretplatili na ovaj bilten.

mail-test-subject-prefix = [Proba]
