# E-mails: voettekst van elke nieuwsbrief en bevestigingsmail (dubbele opt-in).
# De argumenten staan beschreven in locales/en/mail.ftl.

## Voettekst van elke nieuwsbrief

mail-footer-why = U ontvangt deze e-mail omdat u zich hebt aangemeld voor de nieuwsbrief van { $organisation }.
mail-footer-unsubscribe = Afmelden
mail-footer-preferences = Voorkeuren wijzigen
mail-footer-imprint = Colofon
mail-fallback-note = Deze editie is nog niet beschikbaar in uw taal ({ $requested }). Hier is de versie in: { $used }
mail-name-fallback = lezer

## Bevestigingsmail

confirm-mail-subject = Bevestig uw aanmelding voor de nieuwsbrief van { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Beste lezer,
       *[false] Beste { $name },
    }
confirm-mail-body = U (of iemand die uw e-mailadres heeft gebruikt) hebt gevraagd om de nieuwsbrief van { $organisation } te ontvangen. Bevestig uw aanmelding via de link hieronder.
confirm-mail-button = Aanmelding bevestigen
confirm-mail-expiry =
    { $hours ->
        [one] De link is { $hours } uur geldig.
       *[other] De link is { $hours } uur geldig.
    }
confirm-mail-ignore = Hebt u zich niet aangemeld? Negeer deze e-mail dan, dan ontvangt u verder niets van ons.

# The mail frame, in the reader's language.
mail-footer-privacy = Privacyverklaring
mail-sender-unnamed = Nieuwsbrief
mail-footer-why-unnamed = U ontvangt deze e-mail omdat u zich hebt aangemeld voor deze nieuwsbrief.

mail-test-subject-prefix = [Test]
