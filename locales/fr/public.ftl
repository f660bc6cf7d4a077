# Pages publiques : inscription, confirmation, désinscription, préférences, erreurs.
# Les arguments sont décrits dans locales/en/public.ftl. Vouvoiement.

## Toutes les pages

site-language-label = Langue
site-imprint-link = Mentions légales
site-privacy-link = Politique de confidentialité

## Formulaire d'inscription

subscribe-title = S'abonner à la lettre d'information
subscribe-intro = Recevez par e-mail les actualités de l'organisation { $organisation }, dans votre langue. L'abonnement est gratuit et vous pouvez vous désabonner à tout moment.
subscribe-email-label = Adresse e-mail
subscribe-name-label = Nom (facultatif)
subscribe-language-label = Langue de la lettre d'information
subscribe-topics-legend = Thèmes
subscribe-topics-hint = Choisissez les thèmes qui vous intéressent.
subscribe-region-label = Région (facultatif)
subscribe-region-none = Aucune région en particulier
subscribe-audience-label = Qu'est-ce qui vous décrit le mieux ?
subscribe-audience-citizen = Citoyenne ou citoyen de l'UE
subscribe-audience-counsellor = Conseillère, conseiller ou service de conseil
subscribe-audience-organisation = Organisation ou communauté
subscribe-consent-v1 = J'accepte que l'organisation { $organisation } conserve mon adresse e-mail et les informations indiquées ci-dessus afin de m'envoyer la lettre d'information. Je recevrai d'abord un e-mail pour confirmer mon abonnement. Je peux retirer mon consentement à tout moment, par exemple grâce au lien présent dans chaque lettre d'information.
subscribe-privacy-note = Vous trouverez dans notre politique de confidentialité la manière dont nous traitons vos données.
subscribe-submit = S'abonner
subscribe-honeypot-label = Laissez ce champ vide

## Après l'inscription

subscribe-check-inbox-title = Veuillez consulter votre boîte de réception
subscribe-check-inbox-text = Nous avons envoyé un e-mail à { $email }. Veuillez cliquer sur le lien qu'il contient pour confirmer votre abonnement.
subscribe-check-inbox-spam = Pas d'e-mail après quelques minutes ? Vérifiez aussi votre dossier de courrier indésirable.

## Lien de confirmation

confirm-success-title = Abonnement confirmé
confirm-success-text = Merci ! Vous recevrez désormais notre lettre d'information. Vous pouvez modifier vos préférences ou vous désabonner à tout moment grâce aux liens situés à la fin de chaque lettre.
confirm-invalid-title = Ce lien n'est pas valide ou a expiré
confirm-invalid-text = Les liens de confirmation ne sont valables que pour une durée limitée et ne peuvent être utilisés qu'une seule fois. Saisissez votre adresse e-mail et nous vous enverrons un nouveau lien.
confirm-resend-button = Envoyer un nouveau lien
confirm-page-title = Confirmez votre abonnement
confirm-page-text = Veuillez confirmer à l'aide du bouton ci-dessous que vous souhaitez recevoir notre lettre d'information.
confirm-page-button = Confirmer l'abonnement
confirm-page-ignore = Si vous n'avez pas demandé cet abonnement, fermez simplement cette page. Sans confirmation, vous ne recevrez aucune lettre d'information.

## Désinscription

unsubscribe-title = Se désabonner
unsubscribe-question = Voulez-vous vraiment ne plus recevoir la lettre d'information ?
unsubscribe-button = Se désabonner
unsubscribe-preferences-link = Ou modifiez plutôt vos thèmes et votre langue
unsubscribe-done-title = Votre désabonnement est confirmé
unsubscribe-done-text = Vous ne recevrez plus la lettre d'information. S'il s'agit d'une erreur, vous pouvez vous réabonner à tout moment.
unsubscribe-resubscribe-link = Se réabonner

## Préférences

preferences-title = Vos préférences
preferences-intro = Vous pouvez modifier ici la langue et les thèmes de votre lettre d'information.
preferences-save = Enregistrer les préférences
preferences-saved = Vos préférences ont été enregistrées.
preferences-delete-title = Supprimer vos données
preferences-delete-warning = Cette action supprime votre abonnement et toutes les données que nous détenons à votre sujet. Elle est irréversible.
preferences-delete-button = Supprimer toutes mes données
preferences-erased-title = Vos données ont été supprimées
preferences-erased-text = Nous avons supprimé votre abonnement et vos données personnelles. Nous conservons uniquement une mention indiquant qu'aucun e-mail ne doit plus être envoyé à cette adresse.

## Erreurs et vérification du formulaire

error-not-found-title = Page introuvable
error-not-found-text = La page demandée n'existe pas. Veuillez vérifier l'adresse.
error-bad-request-title = Requête non valide
error-bad-request-text = Votre requête n'a pas pu être traitée. Veuillez revenir en arrière et réessayer.
error-rate-limited-title = Trop de requêtes
error-rate-limited-text = Trop de requêtes ont été envoyées depuis votre connexion. Veuillez réessayer dans quelques minutes.
error-internal-title = Un problème est survenu
error-internal-text = Une erreur inattendue s'est produite de notre côté. Veuillez réessayer plus tard.
error-home-link = Aller à la page d'inscription
error-form-summary = Veuillez vérifier les informations saisies.
error-email-invalid = Veuillez saisir une adresse e-mail valide.
error-email-local-ascii = Nous ne pouvons pas envoyer d'e-mails à cette adresse : avant le @, l'adresse ne peut contenir que des lettres sans accent (a–z), des chiffres et des caractères comme . _ - +.
error-consent-missing = Veuillez accepter le traitement de vos données afin que nous puissions vous envoyer la lettre d'information.
error-language-unknown = Veuillez choisir l'une des langues proposées.
error-unavailable-title = Temporairement indisponible
error-unavailable-text = Le service ne parvient pas à accéder à sa base de données pour le moment. Aucune des informations que vous avez saisies auparavant n'a été perdue. Veuillez réessayer dans une minute.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = J'accepte que { $organisation } conserve et utilise mon adresse e-mail et les informations indiquées ci-dessus afin de m'envoyer par e-mail la lettre d'information sur les thèmes choisis. Je recevrai d'abord un e-mail pour confirmer mon abonnement. Je peux retirer mon consentement à tout moment pour l'avenir, par exemple au moyen du lien de désabonnement présent dans chaque lettre d'information.
erase-confirm-title = Voulez-vous vraiment supprimer toutes vos données ?
erase-confirm-text = Nous supprimerons votre adresse e-mail, votre nom, vos thèmes et vos préférences. Vous ne recevrez plus la lettre d'information. Cette action est irréversible.
erase-confirm-button = Oui, supprimer toutes mes données
erase-confirm-cancel = Non, conserver mes données
unsubscribed-status-text = Votre abonnement est résilié et vous ne recevez plus la lettre d'information.
data-link = Voir les données que nous conservons à votre sujet
data-title = Vos données
data-intro = Voici toutes les données que nous conservons à votre sujet. Vous pouvez aussi les télécharger sous forme de fichier.
data-download = Télécharger sous forme de fichier (JSON)
data-profile-heading = Vos informations
data-signed-up = Date d'inscription
data-consent-heading = Vos consentements et modifications
data-consent-when = Quand
data-consent-action = Quoi
data-consent-version = Version du texte
data-deliveries-heading = Lettres d'information qui vous ont été envoyées
data-delivery-issue = Numéro
data-delivery-sent = Date d'envoi
data-deliveries-none = Aucune lettre d'information ne vous a encore été envoyée.
data-none = aucun
data-action-signup = Inscription
data-action-confirm = Confirmation
data-action-preferences = Modification des préférences
data-action-unsubscribe = Désabonnement
data-action-import = Ajout par l'organisation
data-action-erase = Suppression des données
data-action-bounce = Adresse injoignable
data-action-complaint = Signalement comme spam
data-action-suppression_lifted = Blocage de l’adresse levé

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Aller au contenu
site-accessibility-link = Déclaration d’accessibilité
site-contact-label = Contact
site-legal-label = Informations légales
site-back-to-website = Retour au site web
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = l’équipe de la lettre d’information
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Lettre d’information

test-mail-title = Il s'agissait d'un e-mail de test
test-mail-text = Ce lien provient d'un e-mail de test ou d'un aperçu de la lettre d'information. Il ne correspond à aucun abonnement : rien n'a donc été modifié.

# The public archive (issue 23).
archive-title = Archives
archive-empty = Aucun numéro n'a encore été publié.
archive-feed-title = Archives de la lettre d'information
archive-feed-link = Flux des nouveaux numéros
archive-neutral-email = votre adresse e-mail
archive-view-in-browser = Voir ce numéro dans votre navigateur
archive-other-languages = Ce numéro dans d'autres langues
archive-all-issues = Tous les numéros

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Nous vérifions que vous êtes une personne et non un programme… Cela prend quelques secondes.
subscribe-pow-done = Vérification terminée. Vous pouvez envoyer le formulaire.
subscribe-pow-failed = La vérification n’a pas pu être effectuée. Veuillez recharger la page et réessayer.
subscribe-pow-noscript = Pour écarter les inscriptions automatiques, ce formulaire fait résoudre un petit calcul à votre navigateur. Veuillez activer JavaScript pour cette page afin de vous abonner.
error-pow = La vérification que vous êtes une personne est absente, a expiré ou a déjà été utilisée. Veuillez attendre la fin de la vérification et renvoyer le formulaire.
