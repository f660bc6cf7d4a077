# Offentliga sidor: anmälan, bekräftelse, avslut, inställningar, fel.
# Argumenten beskrivs i locales/en/public.ftl. Tilltal: ”du”.

## Alla sidor

site-language-label = Språk
site-imprint-link = Juridisk information
site-privacy-link = Integritetspolicy

## Anmälningsformulär

subscribe-title = Prenumerera på nyhetsbrevet
subscribe-intro = Få nyheter från { $organisation } via e-post på ditt eget språk. Det är gratis och du kan avsluta prenumerationen när du vill.
subscribe-email-label = E-postadress
subscribe-name-label = Namn (frivilligt)
subscribe-language-label = Nyhetsbrevets språk
subscribe-topics-legend = Ämnen
subscribe-topics-hint = Välj de ämnen som intresserar dig.
subscribe-region-label = Region (frivilligt)
subscribe-region-none = Ingen särskild region
subscribe-audience-label = Vad beskriver dig bäst?
subscribe-audience-citizen = EU-medborgare
subscribe-audience-counsellor = Rådgivare eller rådgivningsverksamhet
subscribe-audience-organisation = Organisation eller förening
subscribe-consent-v1 = Jag godkänner att { $organisation } sparar min e-postadress och uppgifterna ovan för att skicka nyhetsbrevet till mig. Först får jag ett mejl där jag bekräftar min prenumeration. Jag kan när som helst återkalla mitt samtycke, till exempel via länken i varje nyhetsbrev.
subscribe-privacy-note = Hur vi hanterar dina uppgifter kan du läsa i vår integritetspolicy.
subscribe-submit = Prenumerera
subscribe-honeypot-label = Lämna det här fältet tomt

## Efter anmälan

subscribe-check-inbox-title = Titta i din inkorg
subscribe-check-inbox-text = Vi har skickat ett mejl till { $email }. Klicka på länken i mejlet för att bekräfta din prenumeration.
subscribe-check-inbox-spam = Inget mejl efter några minuter? Titta även i skräppostmappen.

## Bekräftelselänk

confirm-success-title = Prenumerationen är bekräftad
confirm-success-text = Tack! Från och med nu får du vårt nyhetsbrev. Du kan när som helst ändra dina inställningar eller avsluta prenumerationen via länkarna längst ned i varje nyhetsbrev.
confirm-invalid-title = Länken är ogiltig eller har gått ut
confirm-invalid-text = Bekräftelselänkar gäller bara en begränsad tid och kan bara användas en gång. Ange din e-postadress så skickar vi en ny länk.
confirm-resend-button = Skicka en ny länk
confirm-page-title = Bekräfta din prenumeration
confirm-page-text = Bekräfta med knappen nedan att du vill få vårt nyhetsbrev.
confirm-page-button = Bekräfta prenumerationen
confirm-page-ignore = Om du inte har anmält dig kan du bara stänga den här sidan. Utan bekräftelse får du inget nyhetsbrev.

## Avsluta prenumerationen

unsubscribe-title = Avsluta prenumerationen
unsubscribe-question = Vill du verkligen inte längre få nyhetsbrevet?
unsubscribe-button = Avsluta prenumerationen
unsubscribe-preferences-link = Eller ändra ämnen och språk i stället
unsubscribe-done-title = Din prenumeration är avslutad
unsubscribe-done-text = Du kommer inte längre att få nyhetsbrevet. Om det var ett misstag kan du prenumerera igen när som helst.
unsubscribe-resubscribe-link = Prenumerera igen

## Inställningar

preferences-title = Dina inställningar
preferences-intro = Här kan du ändra språk och ämnen för ditt nyhetsbrev.
preferences-save = Spara inställningar
preferences-saved = Dina inställningar har sparats.
preferences-delete-title = Radera dina uppgifter
preferences-delete-warning = Detta raderar din prenumeration och alla uppgifter vi har om dig. Det går inte att ångra.
preferences-delete-button = Radera alla mina uppgifter
preferences-erased-title = Dina uppgifter har raderats
preferences-erased-text = Vi har raderat din prenumeration och dina personuppgifter. Vi sparar bara en anteckning om att inga fler mejl får skickas till den här adressen.

## Fel och kontroll av formuläret

error-not-found-title = Sidan hittades inte
error-not-found-text = Sidan du söker finns inte. Kontrollera adressen.
error-bad-request-title = Ogiltig begäran
error-bad-request-text = Din begäran kunde inte behandlas. Gå tillbaka och försök igen.
error-rate-limited-title = För många förfrågningar
error-rate-limited-text = Det har kommit för många förfrågningar från din anslutning. Försök igen om några minuter.
error-internal-title = Något gick fel
error-internal-text = Ett oväntat fel uppstod hos oss. Försök igen senare.
error-home-link = Till anmälningssidan
error-form-summary = Kontrollera dina uppgifter.
error-email-invalid = Ange en giltig e-postadress.
error-email-local-ascii = Vi kan inte skicka e-post till den här adressen: före @ får det bara finnas bokstäverna a–z utan accenter (inte å, ä eller ö), siffror och tecken som . _ - +.
error-consent-missing = Ge ditt samtycke till att dina uppgifter behandlas, så att vi kan skicka nyhetsbrevet till dig.
error-language-unknown = Välj ett av de erbjudna språken.
error-unavailable-title = Tillfälligt otillgänglig
error-unavailable-text = Tjänsten kan inte nå sin databas just nu. Inget av det du har angett tidigare har gått förlorat. Försök igen om en minut.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Jag godkänner att { $organisation } sparar och använder min e-postadress och uppgifterna ovan för att skicka nyhetsbrevet om de valda ämnena till mig via e-post. Först får jag ett mejl där jag bekräftar min prenumeration. Jag kan när som helst återkalla mitt samtycke med verkan för framtiden, till exempel via avregistreringslänken i varje nyhetsbrev.
erase-confirm-title = Vill du verkligen radera alla dina uppgifter?
erase-confirm-text = Vi raderar din e-postadress, ditt namn, dina ämnen och dina inställningar. Du får inte längre nyhetsbrevet. Det går inte att ångra.
erase-confirm-button = Ja, radera alla mina uppgifter
erase-confirm-cancel = Nej, behåll mina uppgifter
unsubscribed-status-text = Du har avregistrerat dig och får inte längre nyhetsbrevet.
data-link = Se de uppgifter vi sparar om dig
data-title = Dina uppgifter
data-intro = Här är alla uppgifter vi sparar om dig. Du kan också ladda ned dem som en fil.
data-download = Ladda ned som fil (JSON)
data-profile-heading = Dina angivna uppgifter
data-signed-up = Prenumererar sedan
data-consent-heading = Dina samtycken och ändringar
data-consent-when = När
data-consent-action = Vad
data-consent-version = Textversion
data-deliveries-heading = Nyhetsbrev som skickats till dig
data-delivery-issue = Nummer
data-delivery-sent = Skickat den
data-deliveries-none = Inget nyhetsbrev har skickats till dig ännu.
data-none = inga
data-action-signup = Prenumeration
data-action-confirm = Bekräftelse
data-action-preferences = Ändrade inställningar
data-action-unsubscribe = Avregistrering
data-action-import = Tillagd av organisationen
data-action-erase = Uppgifter raderade
data-action-bounce = Adressen kan inte ta emot e-post
data-action-complaint = Anmält som skräppost
data-action-suppression_lifted = Spärren av adressen hävd

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Hoppa till innehållet
site-accessibility-link = Tillgänglighetsredogörelse
site-contact-label = Kontakt
site-legal-label = Juridisk information
site-back-to-website = Tillbaka till webbplatsen
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = nyhetsbrevets redaktion
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Nyhetsbrev

test-mail-title = Det här var ett testmejl
test-mail-text = Den här länken kommer från ett testmejl eller en förhandsvisning av nyhetsbrevet. Den hör inte till någon prenumeration, så ingenting har ändrats.

# The public archive (issue 23).
archive-title = Arkiv
archive-empty = Inga nummer har publicerats ännu.
archive-feed-title = Nyhetsbrevsarkiv
archive-feed-link = Flöde med nya nummer
archive-neutral-email = din e-postadress
archive-view-in-browser = Visa detta nummer i webbläsaren
archive-other-languages = Detta nummer på andra språk
archive-all-issues = Alla nummer

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Vi kontrollerar att du är en människa och inte ett program … Det tar några sekunder.
subscribe-pow-done = Kontrollen är klar. Du kan skicka formuläret.
subscribe-pow-failed = Kontrollen kunde inte genomföras. Ladda om sidan och försök igen.
subscribe-pow-noscript = För att hålla automatiska anmälningar borta låter det här formuläret din webbläsare lösa en liten beräkning. Slå på JavaScript för den här sidan för att prenumerera.
error-pow = Kontrollen av att du är en människa saknas, har gått ut eller har redan använts. Vänta tills kontrollen är klar och skicka formuläret igen.
