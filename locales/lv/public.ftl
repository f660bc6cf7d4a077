# Publiskās lapas: abonēšana, apstiprināšana, atteikšana, iestatījumi, kļūdas.
# Argumenti aprakstīti failā locales/en/public.ftl. Uzruna: „Jūs“ (ar lielo burtu).
# „organizācijas { $organisation }“: nosaukums paliek nominatīvā, un tas nav jālocī.

## Visas lapas

site-language-label = Valoda
site-imprint-link = Juridiskā informācija
site-privacy-link = Privātuma politika

## Abonēšanas veidlapa

subscribe-title = Jaunumu vēstules abonēšana
subscribe-intro = Saņemiet organizācijas { $organisation } jaunumus e-pastā savā valodā. Abonēšana ir bez maksas, un no tās varat jebkurā laikā atteikties.
subscribe-email-label = E-pasta adrese
subscribe-name-label = Vārds (nav obligāti)
subscribe-language-label = Jaunumu vēstules valoda
subscribe-topics-legend = Tēmas
subscribe-topics-hint = Izvēlieties Jūs interesējošās tēmas.
subscribe-region-label = Reģions (nav obligāti)
subscribe-region-none = Nav konkrēta reģiona
subscribe-audience-label = Kas Jūs vislabāk raksturo?
subscribe-audience-citizen = ES pilsonis vai pilsone
subscribe-audience-counsellor = Konsultants, konsultante vai konsultāciju centrs
subscribe-audience-organisation = Organizācija vai kopiena
subscribe-consent-v1 = Piekrītu, ka organizācija { $organisation } glabā manu e-pasta adresi un iepriekš norādītos datus, lai sūtītu man jaunumu vēstuli. Vispirms saņemšu e-pastu, ar kuru apstiprināšu abonementu. Savu piekrišanu varu jebkurā laikā atsaukt, piemēram, ar saiti, kas ir katrā jaunumu vēstulē.
subscribe-privacy-note = Kā mēs apstrādājam Jūsu datus, varat izlasīt mūsu privātuma politikā.
subscribe-submit = Abonēt
subscribe-honeypot-label = Atstājiet šo lauku tukšu

## Pēc abonēšanas

subscribe-check-inbox-title = Lūdzu, pārbaudiet savu e-pasta kastīti
subscribe-check-inbox-text = Mēs nosūtījām e-pastu uz adresi { $email }. Lūdzu, noklikšķiniet uz tajā esošās saites, lai apstiprinātu abonementu.
subscribe-check-inbox-spam = Pēc dažām minūtēm e-pasta joprojām nav? Lūdzu, pārbaudiet arī surogātpasta mapi.

## Apstiprinājuma saite

confirm-success-title = Abonements apstiprināts
confirm-success-text = Paldies! Turpmāk saņemsiet mūsu jaunumu vēstuli. Iestatījumus varat mainīt vai abonementu atteikt jebkurā laikā ar saitēm katras jaunumu vēstules beigās.
confirm-invalid-title = Šī saite nav derīga vai tai ir beidzies termiņš
confirm-invalid-text = Apstiprinājuma saites ir derīgas tikai ierobežotu laiku, un tās var izmantot tikai vienu reizi. Ievadiet savu e-pasta adresi, un mēs nosūtīsim jaunu saiti.
confirm-resend-button = Sūtīt jaunu saiti
confirm-page-title = Apstipriniet abonementu
confirm-page-text = Lūdzu, ar pogu zemāk apstipriniet, ka vēlaties saņemt mūsu jaunumu vēstuli.
confirm-page-button = Apstiprināt abonementu
confirm-page-ignore = Ja šo abonementu nepieteicāt jūs, vienkārši aizveriet šo lapu. Bez apstiprinājuma jaunumu vēstuli nesaņemsiet.

## Abonementa atteikšana

unsubscribe-title = Abonementa atteikšana
unsubscribe-question = Vai tiešām vairs nevēlaties saņemt jaunumu vēstuli?
unsubscribe-button = Atteikties no abonementa
unsubscribe-preferences-link = Vai arī tā vietā mainiet tēmas un valodu
unsubscribe-done-title = Abonements ir atteikts
unsubscribe-done-text = Jūs vairs nesaņemsiet jaunumu vēstuli. Ja tā bija kļūda, varat jebkurā laikā abonēt no jauna.
unsubscribe-resubscribe-link = Abonēt no jauna

## Iestatījumi

preferences-title = Jūsu iestatījumi
preferences-intro = Šeit varat mainīt jaunumu vēstules valodu un tēmas.
preferences-save = Saglabāt iestatījumus
preferences-saved = Jūsu iestatījumi ir saglabāti.
preferences-delete-title = Jūsu datu dzēšana
preferences-delete-warning = Tādējādi tiks dzēsts Jūsu abonements un visi dati, ko par Jums glabājam. Šo darbību nevar atsaukt.
preferences-delete-button = Dzēst visus manus datus
preferences-erased-title = Jūsu dati ir dzēsti
preferences-erased-text = Mēs esam dzēsuši Jūsu abonementu un personas datus. Saglabājam tikai atzīmi, ka uz šo adresi vairs nedrīkst sūtīt e-pastus.

## Kļūdas un veidlapas pārbaude

error-not-found-title = Lapa nav atrasta
error-not-found-text = Pieprasītā lapa nepastāv. Lūdzu, pārbaudiet adresi.
error-bad-request-title = Nederīgs pieprasījums
error-bad-request-text = Jūsu pieprasījumu nevarēja apstrādāt. Lūdzu, atgriezieties un mēģiniet vēlreiz.
error-rate-limited-title = Pārāk daudz pieprasījumu
error-rate-limited-text = No Jūsu savienojuma saņemts pārāk daudz pieprasījumu. Lūdzu, mēģiniet vēlreiz pēc dažām minūtēm.
error-internal-title = Radās kļūda
error-internal-text = Mūsu pusē radās neparedzēta kļūda. Lūdzu, mēģiniet vēlreiz vēlāk.
error-home-link = Uz abonēšanas lapu
error-form-summary = Lūdzu, pārbaudiet ievadītos datus.
error-email-invalid = Lūdzu, ievadiet derīgu e-pasta adresi.
error-email-local-ascii = Uz šo adresi nevaram nosūtīt e-pastus: pirms @ drīkst būt tikai burti bez diakritiskajām zīmēm (a–z), cipari un tādas rakstzīmes kā . _ - +.
error-consent-missing = Lūdzu, piekrītiet savu datu apstrādei, lai mēs varētu Jums sūtīt jaunumu vēstuli.
error-language-unknown = Lūdzu, izvēlieties kādu no piedāvātajām valodām.
error-unavailable-title = Pakalpojums īslaicīgi nav pieejams
error-unavailable-text = Pakalpojums pašlaik nevar piekļūt savai datubāzei. Jūsu iepriekš ievadītie dati nav zuduši. Lūdzu, mēģiniet vēlreiz pēc minūtes.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Piekrītu, ka organizācija { $organisation } glabā un izmanto manu e-pasta adresi un iepriekš norādītos datus, lai pa e-pastu sūtītu man jaunumu vēstuli par izvēlētajām tēmām. Vispirms saņemšu e-pastu, ar kuru apstiprināšu abonementu. Savu piekrišanu varu jebkurā laikā atsaukt attiecībā uz nākotni, piemēram, ar atteikšanās saiti, kas ir katrā jaunumu vēstulē.
erase-confirm-title = Vai tiešām vēlaties dzēst visus savus datus?
erase-confirm-text = Mēs dzēsīsim Jūsu e-pasta adresi, vārdu, tēmas un iestatījumus. Jūs vairs nesaņemsiet jaunumu vēstuli. Šo darbību nevar atsaukt.
erase-confirm-button = Jā, dzēst visus manus datus
erase-confirm-cancel = Nē, saglabāt manus datus
unsubscribed-status-text = Abonements ir atcelts, un Jūs vairs nesaņemat jaunumu vēstuli.
data-link = Skatīt datus, ko par Jums glabājam
data-title = Jūsu dati
data-intro = Šie ir visi dati, ko par Jums glabājam. Varat tos arī lejupielādēt kā failu.
data-download = Lejupielādēt kā failu (JSON)
data-profile-heading = Jūsu norādītā informācija
data-signed-up = Abonēšanas datums
data-consent-heading = Jūsu piekrišanas un izmaiņas
data-consent-when = Kad
data-consent-action = Kas
data-consent-version = Teksta versija
data-deliveries-heading = Jums nosūtītās jaunumu vēstules
data-delivery-issue = Numurs
data-delivery-sent = Nosūtīšanas datums
data-deliveries-none = Jums vēl nav nosūtīta neviena jaunumu vēstule.
data-none = nav
data-action-signup = Abonēšana
data-action-confirm = Apstiprināšana
data-action-preferences = Iestatījumu maiņa
data-action-unsubscribe = Atteikšanās no abonementa
data-action-import = Pievienoja organizācija
data-action-erase = Datu dzēšana
data-action-bounce = Adrese nav sasniedzama
data-action-complaint = Atzīmēts kā surogātpasts
data-action-suppression_lifted = Adreses bloķēšana atcelta

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Pāriet uz saturu
site-accessibility-link = Paziņojums par piekļūstamību
site-contact-label = Kontakti
site-legal-label = Juridiskā informācija
site-back-to-website = Atpakaļ uz tīmekļa vietni
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = jaunumu vēstules redakcija
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Jaunumu vēstule

test-mail-title = Šis bija testa e-pasts
test-mail-text = Šī saite ir no testa e-pasta vai jaunumu vēstules priekšskatījuma. Tā nav saistīta ne ar vienu abonementu, tāpēc nekas netika mainīts.

# The public archive (issue 23).
archive-title = Arhīvs
archive-empty = Vēl nav publicēts neviens izdevums.
archive-feed-title = Jaunumu vēstules arhīvs
archive-feed-link = Jauno izdevumu plūsma
archive-neutral-email = jūsu e-pasta adrese
archive-view-in-browser = Skatīt šo izdevumu pārlūkprogrammā
archive-other-languages = Šis izdevums citās valodās
archive-all-issues = Visi izdevumi

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Mēs pārbaudām, vai esat cilvēks, nevis programma… Tas aizņem dažas sekundes.
subscribe-pow-done = Pārbaude pabeigta. Varat nosūtīt veidlapu.
subscribe-pow-failed = Pārbaudi neizdevās veikt. Lūdzu, pārlādējiet lapu un mēģiniet vēlreiz.
subscribe-pow-noscript = Lai novērstu automātisku abonēšanu, šī veidlapa liek Jūsu pārlūkprogrammai atrisināt nelielu aprēķinu. Lai abonētu, lūdzu, ieslēdziet JavaScript šai lapai.
error-pow = Pārbaudes, ka esat cilvēks, nav, tās derīgums ir beidzies vai tā jau ir izmantota. Lūdzu, pagaidiet, līdz pārbaude ir pabeigta, un nosūtiet veidlapu vēlreiz.
