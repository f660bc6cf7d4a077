# Offentlige sider: tilmelding, bekræftelse, afmelding, indstillinger, fejl.
# Argumenterne er beskrevet i locales/en/public.ftl. Tiltale: „du“.

## Alle sider

site-language-label = Sprog
site-imprint-link = Juridiske oplysninger
site-privacy-link = Privatlivspolitik

## Tilmeldingsformular

subscribe-title = Tilmeld dig nyhedsbrevet
subscribe-intro = Få nyheder fra { $organisation } pr. e-mail på dit eget sprog. Det er gratis, og du kan til enhver tid afmelde dig.
subscribe-email-label = E-mailadresse
subscribe-name-label = Navn (valgfrit)
subscribe-language-label = Nyhedsbrevets sprog
subscribe-topics-legend = Emner
subscribe-topics-hint = Vælg de emner, der interesserer dig.
subscribe-region-label = Region (valgfrit)
subscribe-region-none = Ingen bestemt region
subscribe-audience-label = Hvad beskriver dig bedst?
subscribe-audience-citizen = EU-borger
subscribe-audience-counsellor = Rådgiver eller rådgivningscenter
subscribe-audience-organisation = Organisation eller fællesskab
subscribe-consent-v1 = Jeg accepterer, at { $organisation } gemmer min e-mailadresse og de oplysninger, jeg har angivet ovenfor, for at sende mig nyhedsbrevet. Jeg modtager først en e-mail, hvor jeg bekræfter min tilmelding. Jeg kan til enhver tid trække mit samtykke tilbage, for eksempel via linket i hvert nyhedsbrev.
subscribe-privacy-note = Du kan læse, hvordan vi behandler dine oplysninger, i vores privatlivspolitik.
subscribe-submit = Tilmeld
subscribe-honeypot-label = Lad dette felt være tomt

## Efter tilmelding

subscribe-check-inbox-title = Tjek din indbakke
subscribe-check-inbox-text = Vi har sendt en e-mail til { $email }. Klik på linket i den for at bekræfte din tilmelding.
subscribe-check-inbox-spam = Ingen e-mail efter et par minutter? Se også i din spammappe.

## Bekræftelseslink

confirm-success-title = Tilmelding bekræftet
confirm-success-text = Tak! Fra nu af modtager du vores nyhedsbrev. Du kan til enhver tid ændre dine indstillinger eller afmelde dig via linkene nederst i hvert nyhedsbrev.
confirm-invalid-title = Linket er ugyldigt eller udløbet
confirm-invalid-text = Bekræftelseslinks gælder kun i begrænset tid og kan kun bruges én gang. Indtast din e-mailadresse, så sender vi dig et nyt link.
confirm-resend-button = Send et nyt link
confirm-page-title = Bekræft din tilmelding
confirm-page-text = Bekræft med knappen nedenfor, at du gerne vil modtage vores nyhedsbrev.
confirm-page-button = Bekræft tilmelding
confirm-page-ignore = Hvis du ikke har tilmeldt dig, kan du bare lukke denne side. Uden bekræftelse modtager du ikke noget nyhedsbrev.

## Afmelding

unsubscribe-title = Afmeld nyhedsbrevet
unsubscribe-question = Vil du virkelig ikke længere modtage nyhedsbrevet?
unsubscribe-button = Afmeld
unsubscribe-preferences-link = Eller skift i stedet emner og sprog
unsubscribe-done-title = Du er nu afmeldt
unsubscribe-done-text = Du modtager ikke længere nyhedsbrevet. Hvis det var en fejl, kan du til enhver tid tilmelde dig igen.
unsubscribe-resubscribe-link = Tilmeld dig igen

## Indstillinger

preferences-title = Dine indstillinger
preferences-intro = Her kan du ændre sproget og emnerne i dit nyhedsbrev.
preferences-save = Gem indstillinger
preferences-saved = Dine indstillinger er gemt.
preferences-delete-title = Slet dine oplysninger
preferences-delete-warning = Dette sletter din tilmelding og alle de oplysninger, vi har om dig. Det kan ikke fortrydes.
preferences-delete-button = Slet alle mine oplysninger
preferences-erased-title = Dine oplysninger er slettet
preferences-erased-text = Vi har slettet din tilmelding og dine personoplysninger. Vi gemmer kun en note om, at der ikke længere må sendes e-mails til denne adresse.

## Fejl og kontrol af formularen

error-not-found-title = Siden blev ikke fundet
error-not-found-text = Den side, du har bedt om, findes ikke. Kontrollér adressen.
error-bad-request-title = Ugyldig anmodning
error-bad-request-text = Din anmodning kunne ikke behandles. Gå tilbage, og prøv igen.
error-rate-limited-title = For mange anmodninger
error-rate-limited-text = Der er kommet for mange anmodninger fra din forbindelse. Prøv igen om et par minutter.
error-internal-title = Noget gik galt
error-internal-text = Der opstod en uventet fejl hos os. Prøv igen senere.
error-home-link = Gå til tilmeldingssiden
error-form-summary = Kontrollér dine oplysninger.
error-email-invalid = Indtast en gyldig e-mailadresse.
error-email-local-ascii = Vi kan ikke sende e-mails til denne adresse: Før @ kan der kun stå bogstaverne a–z uden accenter (ikke æ, ø eller å), tal og tegn som . _ - +.
error-consent-missing = Giv dit samtykke til behandlingen af dine oplysninger, så vi kan sende dig nyhedsbrevet.
error-language-unknown = Vælg et af de tilbudte sprog.
error-unavailable-title = Midlertidigt utilgængelig
error-unavailable-text = Tjenesten kan ikke få forbindelse til sin database lige nu. Intet af det, du har indtastet tidligere, er gået tabt. Prøv igen om et minut.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Jeg accepterer, at { $organisation } gemmer og bruger min e-mailadresse og de oplysninger, jeg har angivet ovenfor, for at sende mig nyhedsbrevet om de valgte emner pr. e-mail. Jeg modtager først en e-mail, hvor jeg bekræfter min tilmelding. Jeg kan til enhver tid trække mit samtykke tilbage med virkning for fremtiden, for eksempel via afmeldingslinket i hvert nyhedsbrev.
erase-confirm-title = Vil du virkelig slette alle dine oplysninger?
erase-confirm-text = Vi sletter din e-mailadresse, dit navn, dine emner og dine indstillinger. Du modtager ikke længere nyhedsbrevet. Det kan ikke fortrydes.
erase-confirm-button = Ja, slet alle mine oplysninger
erase-confirm-cancel = Nej, behold mine oplysninger
unsubscribed-status-text = Du har afmeldt dig og modtager ikke længere nyhedsbrevet.
data-link = Se de oplysninger, vi har om dig
data-title = Dine oplysninger
data-intro = Her er alle de oplysninger, vi har om dig. Du kan også hente dem som en fil.
data-download = Hent som fil (JSON)
data-profile-heading = Dine angivelser
data-signed-up = Tilmeldt den
data-consent-heading = Dine samtykker og ændringer
data-consent-when = Hvornår
data-consent-action = Hvad
data-consent-version = Tekstversion
data-deliveries-heading = Nyhedsbreve sendt til dig
data-delivery-issue = Udgave
data-delivery-sent = Sendt den
data-deliveries-none = Vi har endnu ikke sendt dig et nyhedsbrev.
data-none = ingen
data-action-signup = Tilmelding
data-action-confirm = Bekræftelse
data-action-preferences = Ændrede indstillinger
data-action-unsubscribe = Afmelding
data-action-import = Tilføjet af organisationen
data-action-erase = Oplysninger slettet
data-action-bounce = Adressen kan ikke modtage post
data-action-complaint = Markeret som spam
data-action-suppression_lifted = Spærringen af adressen er ophævet

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Gå til indhold
site-accessibility-link = Tilgængelighedserklæring
site-contact-label = Kontakt
site-legal-label = Juridiske oplysninger
site-back-to-website = Tilbage til hjemmesiden
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = nyhedsbrevets redaktion
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Nyhedsbrev

test-mail-title = Dette var en testmail
test-mail-text = Dette link stammer fra en testmail eller en forhåndsvisning af nyhedsbrevet. Det hører ikke til nogen tilmelding, så intet er blevet ændret.

# The public archive (issue 23).
archive-title = Arkiv
archive-empty = Der er endnu ikke udgivet nogen udgaver.
archive-feed-title = Nyhedsbrevsarkiv
archive-feed-link = Feed med nye udgaver
archive-neutral-email = din e-mailadresse
archive-view-in-browser = Se denne udgave i din browser
archive-other-languages = Denne udgave på andre sprog
archive-all-issues = Alle udgaver

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Vi kontrollerer, at du er et menneske og ikke et program … Det tager et par sekunder.
subscribe-pow-done = Kontrollen er færdig. Du kan sende formularen.
subscribe-pow-failed = Kontrollen kunne ikke gennemføres. Genindlæs siden, og prøv igen.
subscribe-pow-noscript = For at holde automatiske tilmeldinger ude lader denne formular din browser løse en lille beregning. Slå JavaScript til for denne side for at tilmelde dig.
error-pow = Kontrollen af, at du er et menneske, mangler, er udløbet eller er allerede brugt. Vent, til kontrollen er færdig, og send formularen igen.
