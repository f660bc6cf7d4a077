# E-mails : pied de page de chaque lettre d'information et e-mail de confirmation (double opt-in).
# Les arguments sont décrits dans locales/en/mail.ftl.

## Pied de page de chaque lettre

mail-footer-why = Vous recevez cet e-mail car vous avez demandé à recevoir la lettre d'information de l'organisation { $organisation }.
mail-footer-unsubscribe = Se désabonner
mail-footer-preferences = Modifier les préférences
mail-footer-imprint = Mentions légales
mail-fallback-note = Ce numéro n'est pas encore disponible dans votre langue ({ $requested }). Voici la version dans la langue suivante : { $used }
mail-name-fallback = chère lectrice, cher lecteur

## E-mail de confirmation

confirm-mail-subject = Veuillez confirmer votre abonnement à la lettre d'information de l'organisation { $organisation }
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Bonjour,
       *[false] Bonjour { $name },
    }
confirm-mail-body = Vous (ou une personne ayant utilisé votre adresse e-mail) avez demandé à recevoir la lettre d'information de l'organisation { $organisation }. Veuillez confirmer votre abonnement à l'aide du lien ci-dessous.
confirm-mail-button = Confirmer l'abonnement
confirm-mail-expiry =
    { $hours ->
        [one] Le lien est valable { $hours } heure.
       *[other] Le lien est valable { $hours } heures.
    }
confirm-mail-ignore = Si vous n'avez pas fait cette demande, ignorez simplement cet e-mail ; vous ne recevrez rien de notre part.

# The mail frame, in the reader's language.
mail-footer-privacy = Politique de confidentialité
mail-sender-unnamed = Lettre d’information
mail-footer-why-unnamed = Vous recevez cet e-mail parce que vous avez souscrit un abonnement à cette lettre d’information.

mail-test-subject-prefix = [Test]
