# Sähköpostit: jokaisen uutiskirjeen alatunniste ja vahvistusviesti (kaksivaiheinen vahvistus).
# Argumentit on kuvattu tiedostossa locales/en/mail.ftl.

## Jokaisen uutiskirjeen alatunniste

mail-footer-why = Saat tämän viestin, koska olet tilannut organisaation { $organisation } uutiskirjeen.
mail-footer-unsubscribe = Peru tilaus
mail-footer-preferences = Muuta asetuksia
mail-footer-imprint = Oikeudelliset tiedot
mail-fallback-note = Tätä numeroa ei ole vielä saatavilla omalla kielelläsi ({ $requested }). Tässä on versio kielellä: { $used }
mail-name-fallback = lukija

## Vahvistusviesti

confirm-mail-subject = Vahvista organisaation { $organisation } uutiskirjeen tilaus
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Hei,
       *[false] Hei { $name },
    }
confirm-mail-body = Sähköpostiosoitteeseesi on tilattu organisaation { $organisation } uutiskirje. Jos tilaus tuli sinulta, vahvista se alla olevasta linkistä.
confirm-mail-button = Vahvista tilaus
confirm-mail-expiry =
    { $hours ->
        [one] Linkki on voimassa { $hours } tunnin.
       *[other] Linkki on voimassa { $hours } tuntia.
    }
confirm-mail-ignore = Jos et tilannut uutiskirjettä, voit jättää tämän viestin huomiotta; et saa meiltä mitään.

# The mail frame, in the reader's language.
mail-footer-privacy = Tietosuojaseloste
mail-sender-unnamed = Uutiskirje
mail-footer-why-unnamed = Saat tämän sähköpostin, koska olet tilannut tämän uutiskirjeen.

mail-test-subject-prefix = [Testi]
