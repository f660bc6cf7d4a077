# Javne stranice: pretplata, potvrda, otkazivanje, postavke, pogreške.
# Argumenti su opisani u locales/en/public.ftl. Obraćanje: „Vi“ (velikim slovom).
# „organizacije { $organisation }“: naziv ostaje u nominativu i ne treba ga sklanjati.

## Sve stranice

site-language-label = Jezik
site-imprint-link = Impresum
site-privacy-link = Pravila privatnosti

## Obrazac za pretplatu

subscribe-title = Pretplata na bilten
subscribe-intro = Primajte novosti organizacije { $organisation } e-poštom na svojem jeziku. Pretplata je besplatna i možete je otkazati u bilo kojem trenutku.
subscribe-email-label = Adresa e-pošte
subscribe-name-label = Ime (nije obavezno)
subscribe-language-label = Jezik biltena
subscribe-topics-legend = Teme
subscribe-topics-hint = Odaberite teme koje Vas zanimaju.
subscribe-region-label = Regija (nije obavezno)
subscribe-region-none = Bez određene regije
subscribe-audience-label = Što Vas najbolje opisuje?
subscribe-audience-citizen = Državljanin ili državljanka EU-a
subscribe-audience-counsellor = Savjetnik, savjetnica ili savjetovalište
subscribe-audience-organisation = Organizacija ili zajednica
subscribe-consent-v1 = Pristajem da organizacija { $organisation } pohranjuje moju adresu e-pošte i gore navedene podatke kako bi mi slala bilten. Najprije ću primiti poruku e-pošte kojom ću potvrditi pretplatu. Privolu mogu povući u bilo kojem trenutku, primjerice putem poveznice u svakom biltenu.
subscribe-privacy-note = Kako postupamo s Vašim podacima, pročitajte u našim pravilima privatnosti.
subscribe-submit = Pretplati se
subscribe-honeypot-label = Ostavite ovo polje praznim

## Nakon pretplate

subscribe-check-inbox-title = Provjerite svoj sandučić e-pošte
subscribe-check-inbox-text = Poslali smo poruku na adresu { $email }. Kliknite na poveznicu u njoj kako biste potvrdili pretplatu.
subscribe-check-inbox-spam = Niste primili poruku ni nakon nekoliko minuta? Provjerite i mapu neželjene pošte.

## Poveznica za potvrdu

confirm-success-title = Pretplata je potvrđena
confirm-success-text = Hvala! Od sada ćete primati naš bilten. Postavke možete promijeniti ili otkazati pretplatu u bilo kojem trenutku putem poveznica na kraju svakog biltena.
confirm-invalid-title = Ova poveznica nije valjana ili je istekla
confirm-invalid-text = Poveznice za potvrdu vrijede samo ograničeno vrijeme i mogu se upotrijebiti samo jednom. Unesite svoju adresu e-pošte i poslat ćemo Vam novu poveznicu.
confirm-resend-button = Pošalji novu poveznicu
confirm-page-title = Potvrdite pretplatu
confirm-page-text = Gumbom u nastavku potvrdite da želite primati naš bilten.
confirm-page-button = Potvrdi pretplatu
confirm-page-ignore = Ako se niste prijavili, jednostavno zatvorite ovu stranicu. Bez potvrde nećete primati bilten.

## Otkazivanje pretplate

unsubscribe-title = Otkazivanje pretplate
unsubscribe-question = Želite li doista prestati primati bilten?
unsubscribe-button = Otkaži pretplatu
unsubscribe-preferences-link = Ili umjesto toga promijenite teme i jezik
unsubscribe-done-title = Pretplata je otkazana
unsubscribe-done-text = Više nećete primati bilten. Ako je riječ o pogrešci, možete se ponovno pretplatiti u bilo kojem trenutku.
unsubscribe-resubscribe-link = Ponovno se pretplati

## Postavke

preferences-title = Vaše postavke
preferences-intro = Ovdje možete promijeniti jezik i teme svojeg biltena.
preferences-save = Spremi postavke
preferences-saved = Vaše su postavke spremljene.
preferences-delete-title = Brisanje Vaših podataka
preferences-delete-warning = Time se brišu Vaša pretplata i svi podaci koje o Vama čuvamo. Ta se radnja ne može poništiti.
preferences-delete-button = Izbriši sve moje podatke
preferences-erased-title = Vaši su podaci izbrisani
preferences-erased-text = Izbrisali smo Vašu pretplatu i Vaše osobne podatke. Čuvamo samo bilješku da se na ovu adresu više ne smije slati e-pošta.

## Pogreške i provjera obrasca

error-not-found-title = Stranica nije pronađena
error-not-found-text = Tražena stranica ne postoji. Provjerite adresu.
error-bad-request-title = Neispravan zahtjev
error-bad-request-text = Vaš zahtjev nije bilo moguće obraditi. Vratite se i pokušajte ponovno.
error-rate-limited-title = Previše zahtjeva
error-rate-limited-text = S Vaše veze stiglo je previše zahtjeva. Pokušajte ponovno za nekoliko minuta.
error-internal-title = Nešto je pošlo po zlu
error-internal-text = Kod nas je došlo do neočekivane pogreške. Pokušajte ponovno kasnije.
error-home-link = Idi na stranicu za pretplatu
error-form-summary = Provjerite unesene podatke.
error-email-invalid = Unesite valjanu adresu e-pošte.
error-email-local-ascii = Na ovu adresu ne možemo slati e-poštu: ispred znaka @ mogu biti samo slova bez dijakritičkih znakova (a–z), brojke i znakovi poput . _ - +.
error-consent-missing = Dajte privolu za obradu svojih podataka kako bismo Vam mogli slati bilten.
error-language-unknown = Odaberite jedan od ponuđenih jezika.
error-unavailable-title = Usluga privremeno nije dostupna
error-unavailable-text = Usluga trenutačno ne može pristupiti svojoj bazi podataka. Podaci koje ste prethodno unijeli nisu izgubljeni. Pokušajte ponovno za minutu.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Pristajem da organizacija { $organisation } pohranjuje i upotrebljava moju adresu e-pošte i gore navedene podatke kako bi mi e-poštom slala bilten o odabranim temama. Najprije ću primiti poruku e-pošte kojom potvrđujem pretplatu. Privolu mogu povući u bilo kojem trenutku s učinkom za budućnost, primjerice putem poveznice za odjavu u svakom biltenu.
erase-confirm-title = Želite li doista izbrisati sve svoje podatke?
erase-confirm-text = Izbrisat ćemo Vašu adresu e-pošte, ime, teme i postavke. Bilten više nećete primati. Ta se radnja ne može poništiti.
erase-confirm-button = Da, izbriši sve moje podatke
erase-confirm-cancel = Ne, zadrži moje podatke
unsubscribed-status-text = Odjavljeni ste i više ne primate bilten.
data-link = Pogledajte podatke koje o Vama čuvamo
data-title = Vaši podaci
data-intro = Ovo su svi podaci koje o Vama čuvamo. Možete ih preuzeti i kao datoteku.
data-download = Preuzmi kao datoteku (JSON)
data-profile-heading = Vaši osobni podaci
data-signed-up = Datum prijave
data-consent-heading = Vaše privole i promjene
data-consent-when = Kada
data-consent-action = Što
data-consent-version = Verzija teksta
data-deliveries-heading = Bilteni poslani Vama
data-delivery-issue = Broj
data-delivery-sent = Datum slanja
data-deliveries-none = Još Vam nije poslan nijedan bilten.
data-none = nema
data-action-signup = Prijava
data-action-confirm = Potvrda
data-action-preferences = Promjena postavki
data-action-unsubscribe = Odjava
data-action-import = Dodala organizacija
data-action-erase = Brisanje podataka
data-action-bounce = Adresa nije dostupna
data-action-complaint = Prijava kao neželjena pošta
data-action-suppression_lifted = Blokada adrese ukinuta

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Prijeđi na sadržaj
site-accessibility-link = Izjava o pristupačnosti
site-contact-label = Kontakt
site-legal-label = Pravne informacije
site-back-to-website = Natrag na mrežno mjesto
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = uredništvo biltena
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Bilten

test-mail-title = Ovo je bila probna poruka
test-mail-text = Ova poveznica potječe iz probne poruke e-pošte ili iz pregleda biltena. Nije povezana ni s jednom pretplatom pa ništa nije promijenjeno.

# The public archive (issue 23).
archive-title = Arhiva
archive-empty = Još nije objavljeno nijedno izdanje.
archive-feed-title = Arhiva biltena
archive-feed-link = Feed novih izdanja
archive-neutral-email = vaša adresa e-pošte
archive-view-in-browser = Pogledajte ovo izdanje u pregledniku
archive-other-languages = Ovo izdanje na drugim jezicima
archive-all-issues = Sva izdanja

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Provjeravamo jeste li osoba, a ne program… To traje nekoliko sekundi.
subscribe-pow-done = Provjera je gotova. Možete poslati obrazac.
subscribe-pow-failed = Provjeru nije bilo moguće provesti. Ponovno učitajte stranicu i pokušajte još jednom.
subscribe-pow-noscript = Kako bi se spriječile automatske prijave, ovaj obrazac traži od Vašeg preglednika da riješi mali izračun. Uključite JavaScript za ovu stranicu kako biste se pretplatili.
error-pow = Provjera da ste osoba nedostaje, istekla je ili je već iskorištena. Pričekajte da provjera završi i ponovno pošaljite obrazac.
