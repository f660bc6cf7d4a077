# Openbare pagina's: aanmelden, bevestigen, afmelden, voorkeuren, fouten.
# De argumenten staan beschreven in locales/en/public.ftl. Aanspreekvorm: „u”.

## Alle pagina's

site-language-label = Taal
site-imprint-link = Colofon
site-privacy-link = Privacyverklaring

## Aanmeldformulier

subscribe-title = Aanmelden voor de nieuwsbrief
subscribe-intro = Ontvang nieuws van { $organisation } per e-mail, in uw eigen taal. Het is gratis en u kunt zich op elk moment afmelden.
subscribe-email-label = E-mailadres
subscribe-name-label = Naam (optioneel)
subscribe-language-label = Taal van de nieuwsbrief
subscribe-topics-legend = Onderwerpen
subscribe-topics-hint = Kies de onderwerpen die u interesseren.
subscribe-region-label = Regio (optioneel)
subscribe-region-none = Geen specifieke regio
subscribe-audience-label = Wat past het best bij u?
subscribe-audience-citizen = EU-burger
subscribe-audience-counsellor = Adviseur of adviescentrum
subscribe-audience-organisation = Organisatie of gemeenschap
subscribe-consent-v1 = Ik ga ermee akkoord dat { $organisation } mijn e-mailadres en de hierboven ingevulde gegevens bewaart om mij de nieuwsbrief te sturen. Ik ontvang eerst een e-mail om mijn aanmelding te bevestigen. Ik kan mijn toestemming op elk moment intrekken, bijvoorbeeld via de link in elke nieuwsbrief.
subscribe-privacy-note = Hoe wij met uw gegevens omgaan, leest u in onze privacyverklaring.
subscribe-submit = Aanmelden
subscribe-honeypot-label = Laat dit veld leeg

## Na het aanmelden

subscribe-check-inbox-title = Kijk in uw inbox
subscribe-check-inbox-text = We hebben een e-mail gestuurd naar { $email }. Klik op de link in die e-mail om uw aanmelding te bevestigen.
subscribe-check-inbox-spam = Na een paar minuten nog geen e-mail? Kijk dan ook in uw map met ongewenste e-mail.

## Bevestigingslink

confirm-success-title = Aanmelding bevestigd
confirm-success-text = Dank u wel! Vanaf nu ontvangt u onze nieuwsbrief. U kunt uw voorkeuren op elk moment wijzigen of u afmelden via de links onderaan elke nieuwsbrief.
confirm-invalid-title = Deze link is ongeldig of verlopen
confirm-invalid-text = Bevestigingslinks zijn maar een beperkte tijd geldig en kunnen maar één keer worden gebruikt. Vul uw e-mailadres in, dan sturen we u een nieuwe link.
confirm-resend-button = Nieuwe link sturen
confirm-page-title = Bevestig uw aanmelding
confirm-page-text = Bevestig met de knop hieronder dat u onze nieuwsbrief wilt ontvangen.
confirm-page-button = Aanmelding bevestigen
confirm-page-ignore = Hebt u zich niet aangemeld? Sluit deze pagina dan gewoon. Zonder bevestiging ontvangt u geen nieuwsbrief.

## Afmelden

unsubscribe-title = Afmelden
unsubscribe-question = Wilt u de nieuwsbrief echt niet meer ontvangen?
unsubscribe-button = Afmelden
unsubscribe-preferences-link = Of wijzig in plaats daarvan uw onderwerpen en taal
unsubscribe-done-title = U bent afgemeld
unsubscribe-done-text = U ontvangt de nieuwsbrief niet meer. Was dit een vergissing? Dan kunt u zich op elk moment opnieuw aanmelden.
unsubscribe-resubscribe-link = Opnieuw aanmelden

## Voorkeuren

preferences-title = Uw voorkeuren
preferences-intro = Hier kunt u de taal en de onderwerpen van uw nieuwsbrief wijzigen.
preferences-save = Voorkeuren opslaan
preferences-saved = Uw voorkeuren zijn opgeslagen.
preferences-delete-title = Uw gegevens verwijderen
preferences-delete-warning = Hiermee verwijdert u uw aanmelding en alle gegevens die wij over u bewaren. Dit kan niet ongedaan worden gemaakt.
preferences-delete-button = Al mijn gegevens verwijderen
preferences-erased-title = Uw gegevens zijn verwijderd
preferences-erased-text = We hebben uw aanmelding en uw persoonsgegevens verwijderd. We bewaren alleen een notitie dat naar dit adres geen e-mails meer mogen worden gestuurd.

## Fouten en controle van het formulier

error-not-found-title = Pagina niet gevonden
error-not-found-text = De opgevraagde pagina bestaat niet. Controleer het adres.
error-bad-request-title = Ongeldig verzoek
error-bad-request-text = Uw verzoek kon niet worden verwerkt. Ga terug en probeer het opnieuw.
error-rate-limited-title = Te veel verzoeken
error-rate-limited-text = We hebben te veel verzoeken van uw verbinding ontvangen. Probeer het over een paar minuten opnieuw.
error-internal-title = Er ging iets mis
error-internal-text = Er is bij ons een onverwachte fout opgetreden. Probeer het later opnieuw.
error-home-link = Naar de aanmeldpagina
error-form-summary = Controleer uw gegevens.
error-email-invalid = Vul een geldig e-mailadres in.
error-email-local-ascii = Naar dit adres kunnen we geen e-mails sturen: vóór het @ zijn alleen letters zonder accenten (a–z), cijfers en tekens zoals . _ - + mogelijk.
error-consent-missing = Geef toestemming voor het verwerken van uw gegevens, zodat wij u de nieuwsbrief kunnen sturen.
error-language-unknown = Kies een van de aangeboden talen.
error-unavailable-title = Tijdelijk niet beschikbaar
error-unavailable-text = De dienst kan de database op dit moment niet bereiken. Wat u eerder hebt ingevoerd, is niet verloren gegaan. Probeer het over een minuut opnieuw.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Ik ga ermee akkoord dat { $organisation } mijn e-mailadres en de hierboven ingevulde gegevens bewaart en gebruikt om mij per e-mail de nieuwsbrief over de gekozen onderwerpen te sturen. Ik ontvang eerst een e-mail om mijn aanmelding te bevestigen. Ik kan mijn toestemming op elk moment met ingang voor de toekomst intrekken, bijvoorbeeld via de afmeldlink in elke nieuwsbrief.
erase-confirm-title = Wilt u echt al uw gegevens verwijderen?
erase-confirm-text = Wij verwijderen uw e-mailadres, uw naam, uw onderwerpen en uw voorkeuren. U ontvangt de nieuwsbrief dan niet meer. Dit kan niet ongedaan worden gemaakt.
erase-confirm-button = Ja, verwijder al mijn gegevens
erase-confirm-cancel = Nee, bewaar mijn gegevens
unsubscribed-status-text = U bent afgemeld en ontvangt de nieuwsbrief niet meer.
data-link = Bekijk de gegevens die wij over u bewaren
data-title = Uw gegevens
data-intro = Dit zijn alle gegevens die wij over u bewaren. U kunt ze ook als bestand downloaden.
data-download = Downloaden als bestand (JSON)
data-profile-heading = Uw opgegeven gegevens
data-signed-up = Aangemeld op
data-consent-heading = Uw toestemmingen en wijzigingen
data-consent-when = Wanneer
data-consent-action = Wat
data-consent-version = Tekstversie
data-deliveries-heading = Nieuwsbrieven die u zijn gestuurd
data-delivery-issue = Editie
data-delivery-sent = Verzonden op
data-deliveries-none = U hebt nog geen nieuwsbrief ontvangen.
data-none = geen
data-action-signup = Aangemeld
data-action-confirm = Bevestigd
data-action-preferences = Voorkeuren gewijzigd
data-action-unsubscribe = Afgemeld
data-action-import = Toegevoegd door de organisatie
data-action-erase = Gegevens verwijderd
data-action-bounce = Adres onbereikbaar
data-action-complaint = Gemeld als spam
data-action-suppression_lifted = Blokkering van het adres opgeheven

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Naar de inhoud
site-accessibility-link = Toegankelijkheidsverklaring
site-contact-label = Contact
site-legal-label = Juridische informatie
site-back-to-website = Terug naar de website
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = de redactie van de nieuwsbrief
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Nieuwsbrief

test-mail-title = Dit was een testmail
test-mail-text = Deze link komt uit een testmail of een voorbeeldweergave van de nieuwsbrief. Hij hoort bij geen enkele aanmelding, dus er is niets gewijzigd.

# The public archive (issue 23).
archive-title = Archief
archive-empty = Er zijn nog geen edities verschenen.
archive-feed-title = Nieuwsbriefarchief
archive-feed-link = Feed met nieuwe edities
archive-neutral-email = uw e-mailadres
archive-view-in-browser = Bekijk deze editie in uw browser
archive-other-languages = Deze editie in andere talen
archive-all-issues = Alle edities

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = We controleren of u een mens bent en geen programma… Dit duurt enkele seconden.
subscribe-pow-done = Controle voltooid. U kunt het formulier verzenden.
subscribe-pow-failed = De controle kon niet worden uitgevoerd. Laad de pagina opnieuw en probeer het nog eens.
subscribe-pow-noscript = Om automatische aanmeldingen tegen te houden, laat dit formulier uw browser een kleine berekening oplossen. Zet JavaScript aan voor deze pagina om u aan te melden.
error-pow = De controle of u een mens bent, ontbreekt, is verlopen of is al gebruikt. Wacht tot de controle klaar is en verzend het formulier opnieuw.
