# Pagini publice: abonare, confirmare, dezabonare, preferințe, erori.
# Argumentele sunt descrise în locales/en/public.ftl. Formă de adresare: „dumneavoastră”.

## Toate paginile

site-language-label = Limba
site-imprint-link = Informații legale
site-privacy-link = Politica de confidențialitate

## Formularul de abonare

subscribe-title = Abonare la newsletter
subscribe-intro = Primiți noutăți de la { $organisation } prin e-mail, în limba dumneavoastră. Abonarea este gratuită și vă puteți dezabona oricând.
subscribe-email-label = Adresa de e-mail
subscribe-name-label = Nume (opțional)
subscribe-language-label = Limba newsletterului
subscribe-topics-legend = Teme
subscribe-topics-hint = Alegeți temele care vă interesează.
subscribe-region-label = Regiune (opțional)
subscribe-region-none = Nicio regiune anume
subscribe-audience-label = Ce vă descrie cel mai bine?
subscribe-audience-citizen = Cetățean sau cetățeană din UE
subscribe-audience-counsellor = Consilier, consilieră sau centru de consiliere
subscribe-audience-organisation = Organizație sau comunitate
subscribe-consent-v1 = Sunt de acord ca { $organisation } să stocheze adresa mea de e-mail și datele indicate mai sus pentru a-mi trimite newsletterul. Voi primi mai întâi un e-mail prin care îmi confirm abonarea. Îmi pot retrage consimțământul oricând, de exemplu prin linkul din fiecare newsletter.
subscribe-privacy-note = Modul în care tratăm datele dumneavoastră este descris în politica noastră de confidențialitate.
subscribe-submit = Abonare
subscribe-honeypot-label = Lăsați acest câmp gol

## După abonare

subscribe-check-inbox-title = Vă rugăm să vă verificați căsuța de e-mail
subscribe-check-inbox-text = V-am trimis un e-mail la adresa { $email }. Vă rugăm să dați clic pe linkul din mesaj pentru a vă confirma abonarea.
subscribe-check-inbox-spam = Nu ați primit niciun e-mail după câteva minute? Vă rugăm să verificați și dosarul de spam.

## Linkul de confirmare

confirm-success-title = Abonare confirmată
confirm-success-text = Vă mulțumim! De acum înainte veți primi newsletterul nostru. Vă puteți modifica oricând preferințele sau vă puteți dezabona folosind linkurile de la finalul fiecărui newsletter.
confirm-invalid-title = Acest link nu este valid sau a expirat
confirm-invalid-text = Linkurile de confirmare sunt valabile doar o perioadă limitată și pot fi folosite o singură dată. Introduceți adresa de e-mail și vă vom trimite un link nou.
confirm-resend-button = Trimiteți un link nou
confirm-page-title = Confirmarea abonării
confirm-page-text = Vă rugăm să confirmați cu butonul de mai jos că doriți să primiți newsletterul nostru.
confirm-page-button = Confirmați abonarea
confirm-page-ignore = Dacă nu v-ați abonat dumneavoastră, închideți pur și simplu această pagină. Fără confirmare nu veți primi newsletterul.

## Dezabonare

unsubscribe-title = Dezabonare
unsubscribe-question = Sigur nu mai doriți să primiți newsletterul?
unsubscribe-button = Dezabonare
unsubscribe-preferences-link = Sau modificați în schimb temele și limba
unsubscribe-done-title = V-ați dezabonat
unsubscribe-done-text = Nu veți mai primi newsletterul. Dacă a fost o greșeală, vă puteți abona din nou oricând.
unsubscribe-resubscribe-link = Abonați-vă din nou

## Preferințe

preferences-title = Preferințele dumneavoastră
preferences-intro = Aici puteți modifica limba și temele newsletterului.
preferences-save = Salvați preferințele
preferences-saved = Preferințele dumneavoastră au fost salvate.
preferences-delete-title = Ștergerea datelor dumneavoastră
preferences-delete-warning = Astfel se șterg abonarea și toate datele pe care le deținem despre dumneavoastră. Acțiunea nu poate fi anulată.
preferences-delete-button = Ștergeți toate datele mele
preferences-erased-title = Datele dumneavoastră au fost șterse
preferences-erased-text = Am șters abonarea și datele dumneavoastră personale. Păstrăm doar o mențiune că la această adresă nu mai pot fi trimise e-mailuri.

## Erori și verificarea formularului

error-not-found-title = Pagina nu a fost găsită
error-not-found-text = Pagina solicitată nu există. Vă rugăm să verificați adresa.
error-bad-request-title = Cerere nevalidă
error-bad-request-text = Cererea dumneavoastră nu a putut fi procesată. Vă rugăm să reveniți și să încercați din nou.
error-rate-limited-title = Prea multe cereri
error-rate-limited-text = Am primit prea multe cereri de la conexiunea dumneavoastră. Vă rugăm să încercați din nou peste câteva minute.
error-internal-title = A apărut o problemă
error-internal-text = A apărut o eroare neașteptată în sistemul nostru. Vă rugăm să încercați din nou mai târziu.
error-home-link = Mergeți la pagina de abonare
error-form-summary = Vă rugăm să verificați datele introduse.
error-email-invalid = Vă rugăm să introduceți o adresă de e-mail validă.
error-email-local-ascii = Nu putem trimite e-mailuri la această adresă: înainte de @ pot apărea doar litere fără diacritice (a–z), cifre și caractere precum . _ - +.
error-consent-missing = Vă rugăm să vă dați acordul pentru prelucrarea datelor, ca să vă putem trimite newsletterul.
error-language-unknown = Vă rugăm să alegeți una dintre limbile oferite.
error-unavailable-title = Serviciu temporar indisponibil
error-unavailable-text = Serviciul nu se poate conecta momentan la baza sa de date. Nimic din ceea ce ați introdus anterior nu s-a pierdut. Vă rugăm să încercați din nou peste un minut.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Sunt de acord ca { $organisation } să stocheze și să utilizeze adresa mea de e-mail și datele indicate mai sus pentru a-mi trimite prin e-mail newsletterul pe temele alese. Voi primi mai întâi un e-mail prin care îmi confirm abonarea. Îmi pot retrage consimțământul oricând, cu efect pentru viitor, de exemplu prin linkul de dezabonare din fiecare newsletter.
erase-confirm-title = Sigur doriți să ștergeți toate datele dumneavoastră?
erase-confirm-text = Vom șterge adresa de e-mail, numele, temele și preferințele dumneavoastră. Nu veți mai primi newsletterul. Acțiunea nu poate fi anulată.
erase-confirm-button = Da, ștergeți toate datele mele
erase-confirm-cancel = Nu, păstrați datele mele
unsubscribed-status-text = V-ați dezabonat și nu mai primiți newsletterul.
data-link = Vedeți datele pe care le păstrăm despre dumneavoastră
data-title = Datele dumneavoastră
data-intro = Acestea sunt toate datele pe care le păstrăm despre dumneavoastră. Le puteți descărca și ca fișier.
data-download = Descărcați ca fișier (JSON)
data-profile-heading = Datele furnizate
data-signed-up = Data abonării
data-consent-heading = Consimțămintele și modificările dumneavoastră
data-consent-when = Când
data-consent-action = Ce
data-consent-version = Versiunea textului
data-deliveries-heading = Newslettere trimise dumneavoastră
data-delivery-issue = Ediție
data-delivery-sent = Data trimiterii
data-deliveries-none = Nu vi s-a trimis încă niciun newsletter.
data-none = niciunul
data-action-signup = Abonare
data-action-confirm = Confirmare
data-action-preferences = Modificarea preferințelor
data-action-unsubscribe = Dezabonare
data-action-import = Adăugare de către organizație
data-action-erase = Ștergerea datelor
data-action-bounce = Adresă inaccesibilă
data-action-complaint = Raportare ca spam
data-action-suppression_lifted = Blocarea adresei a fost ridicată

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Salt la conținut
site-accessibility-link = Declarație de accesibilitate
site-contact-label = Contact
site-legal-label = Informații juridice
site-back-to-website = Înapoi la site
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = echipa buletinului informativ
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Buletin informativ

test-mail-title = Acesta a fost un e-mail de test
test-mail-text = Acest link provine dintr-un e-mail de test sau dintr-o previzualizare a newsletterului. Nu aparține niciunui abonament, așa că nu s-a modificat nimic.

# The public archive (issue 23).
archive-title = Arhivă
archive-empty = Încă nu a fost publicat niciun număr.
archive-feed-title = Arhiva buletinului informativ
archive-feed-link = Fluxul numerelor noi
archive-neutral-email = adresa dumneavoastră de e-mail
archive-view-in-browser = Vizualizați acest număr în browser
archive-other-languages = Acest număr în alte limbi
archive-all-issues = Toate numerele

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Verificăm dacă sunteți o persoană și nu un program… Durează câteva secunde.
subscribe-pow-done = Verificarea s-a încheiat. Puteți trimite formularul.
subscribe-pow-failed = Verificarea nu a putut fi efectuată. Vă rugăm să reîncărcați pagina și să încercați din nou.
subscribe-pow-noscript = Pentru a opri abonările automate, acest formular îi cere browserului dumneavoastră să rezolve un mic calcul. Vă rugăm să activați JavaScript pentru această pagină ca să vă abonați.
error-pow = Verificarea faptului că sunteți o persoană lipsește, a expirat sau a fost deja folosită. Vă rugăm să așteptați încheierea verificării și să trimiteți din nou formularul.
