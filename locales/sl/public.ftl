# Javne strani: prijava, potrditev, odjava, nastavitve, napake.
# Argumenti so opisani v locales/en/public.ftl. Nagovor: vikanje.
# „organizacije { $organisation }“: ime ostane v imenovalniku in ga ni treba sklanjati.

## Vse strani

site-language-label = Jezik
site-imprint-link = Impresum
site-privacy-link = Politika zasebnosti

## Obrazec za prijavo

subscribe-title = Prijava na e-novice
subscribe-intro = Prejemajte novice organizacije { $organisation } po e-pošti v svojem jeziku. Prejemanje je brezplačno, odjavite pa se lahko kadar koli.
subscribe-email-label = E-poštni naslov
subscribe-name-label = Ime (neobvezno)
subscribe-language-label = Jezik e-novic
subscribe-topics-legend = Teme
subscribe-topics-hint = Izberite teme, ki vas zanimajo.
subscribe-region-label = Regija (neobvezno)
subscribe-region-none = Brez določene regije
subscribe-audience-label = Kaj vas najbolje opiše?
subscribe-audience-citizen = Državljan ali državljanka EU
subscribe-audience-counsellor = Svetovalec, svetovalka ali svetovalni center
subscribe-audience-organisation = Organizacija ali skupnost
subscribe-consent-v1 = Strinjam se, da organizacija { $organisation } hrani moj e-poštni naslov in zgoraj navedene podatke, da mi lahko pošilja e-novice. Najprej mi bo poslano e-sporočilo, s katerim potrdim prijavo. Privolitev lahko kadar koli prekličem, na primer prek povezave v vsakih e-novicah.
subscribe-privacy-note = Kako ravnamo z vašimi podatki, si lahko preberete v naši politiki zasebnosti.
subscribe-submit = Prijava
subscribe-honeypot-label = To polje pustite prazno

## Po prijavi

subscribe-check-inbox-title = Preverite svoj e-poštni predal
subscribe-check-inbox-text = Na naslov { $email } smo poslali e-sporočilo. Kliknite povezavo v njem, da potrdite prijavo.
subscribe-check-inbox-spam = Po nekaj minutah še ni sporočila? Preverite tudi mapo z neželeno pošto.

## Povezava za potrditev

confirm-success-title = Prijava je potrjena
confirm-success-text = Hvala! Od zdaj naprej boste prejemali naše e-novice. Nastavitve lahko spremenite ali se odjavite kadar koli prek povezav na koncu vsakih e-novic.
confirm-invalid-title = Ta povezava ni veljavna ali je potekla
confirm-invalid-text = Povezave za potrditev veljajo le omejen čas in jih je mogoče uporabiti samo enkrat. Vnesite svoj e-poštni naslov in poslali vam bomo novo povezavo.
confirm-resend-button = Pošlji novo povezavo
confirm-page-title = Potrdite prijavo
confirm-page-text = Z gumbom spodaj potrdite, da želite prejemati naše e-novice.
confirm-page-button = Potrdi prijavo
confirm-page-ignore = Če se niste prijavili, to stran preprosto zaprite. Brez potrditve e-novic ne boste prejemali.

## Odjava

unsubscribe-title = Odjava od e-novic
unsubscribe-question = Ali res ne želite več prejemati e-novic?
unsubscribe-button = Odjava
unsubscribe-preferences-link = Ali pa namesto tega spremenite teme in jezik
unsubscribe-done-title = Odjavljeni ste
unsubscribe-done-text = E-novic ne boste več prejemali. Če je šlo za pomoto, se lahko kadar koli znova prijavite.
unsubscribe-resubscribe-link = Ponovna prijava

## Nastavitve

preferences-title = Vaše nastavitve
preferences-intro = Tukaj lahko spremenite jezik in teme svojih e-novic.
preferences-save = Shrani nastavitve
preferences-saved = Vaše nastavitve so shranjene.
preferences-delete-title = Izbris vaših podatkov
preferences-delete-warning = S tem izbrišete svojo prijavo in vse podatke, ki jih hranimo o vas. Tega ni mogoče razveljaviti.
preferences-delete-button = Izbriši vse moje podatke
preferences-erased-title = Vaši podatki so izbrisani
preferences-erased-text = Izbrisali smo vašo prijavo in vaše osebne podatke. Hranimo le zaznamek, da na ta naslov ne smemo več pošiljati e-pošte.

## Napake in preverjanje obrazca

error-not-found-title = Strani ni mogoče najti
error-not-found-text = Zahtevana stran ne obstaja. Preverite naslov.
error-bad-request-title = Neveljavna zahteva
error-bad-request-text = Vaše zahteve ni bilo mogoče obdelati. Vrnite se in poskusite znova.
error-rate-limited-title = Preveč zahtev
error-rate-limited-text = Z vaše povezave je prišlo preveč zahtev. Poskusite znova čez nekaj minut.
error-internal-title = Prišlo je do napake
error-internal-text = Pri nas je prišlo do nepričakovane napake. Poskusite znova pozneje.
error-home-link = Na stran za prijavo
error-form-summary = Preverite vnesene podatke.
error-email-invalid = Vnesite veljaven e-poštni naslov.
error-email-local-ascii = Na ta naslov ne moremo pošiljati e-pošte: pred znakom @ so lahko le črke brez strešic in naglasov (a–z), številke in znaki, kot so . _ - +.
error-consent-missing = Dajte privolitev za obdelavo svojih podatkov, da vam lahko pošiljamo e-novice.
error-language-unknown = Izberite enega od ponujenih jezikov.
error-unavailable-title = Storitev začasno ni na voljo
error-unavailable-text = Storitev trenutno ne more vzpostaviti povezave s podatkovno bazo. Prej vneseni podatki se niso izgubili. Poskusite znova čez minuto.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Strinjam se, da organizacija { $organisation } hrani in uporablja moj e-poštni naslov in zgoraj navedene podatke, da mi lahko po e-pošti pošilja e-novice o izbranih temah. Najprej mi bo poslano e-sporočilo, s katerim potrdim prijavo. Privolitev lahko kadar koli prekličem z učinkom za naprej, na primer prek povezave za odjavo v vsakih e-novicah.
erase-confirm-title = Ali res želite izbrisati vse svoje podatke?
erase-confirm-text = Izbrisali bomo vaš e-poštni naslov, ime, teme in nastavitve. E-novic ne boste več prejemali. Tega ni mogoče razveljaviti.
erase-confirm-button = Da, izbriši vse moje podatke
erase-confirm-cancel = Ne, obdrži moje podatke
unsubscribed-status-text = Prijava je preklicana in e-novic ne prejemate več.
data-link = Oglejte si podatke, ki jih hranimo o vas
data-title = Vaši podatki
data-intro = To so vsi podatki, ki jih hranimo o vas. Prenesete jih lahko tudi kot datoteko.
data-download = Prenesi kot datoteko (JSON)
data-profile-heading = Vaši osebni podatki
data-signed-up = Datum prijave
data-consent-heading = Vaše privolitve in spremembe
data-consent-when = Kdaj
data-consent-action = Kaj
data-consent-version = Različica besedila
data-deliveries-heading = E-novice, poslane vam
data-delivery-issue = Številka
data-delivery-sent = Datum pošiljanja
data-deliveries-none = Poslali vam še nismo nobenih e-novic.
data-none = brez
data-action-signup = Prijava
data-action-confirm = Potrditev
data-action-preferences = Sprememba nastavitev
data-action-unsubscribe = Odjava
data-action-import = Dodala organizacija
data-action-erase = Izbris podatkov
data-action-bounce = Naslov ni dosegljiv
data-action-complaint = Prijava kot neželena pošta
data-action-suppression_lifted = Blokada naslova odpravljena

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Skoči na vsebino
site-accessibility-link = Izjava o dostopnosti
site-contact-label = Kontakt
site-legal-label = Pravne informacije
site-back-to-website = Nazaj na spletno mesto
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = uredništvo e-novic
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = E-novice

test-mail-title = To je bilo preizkusno sporočilo
test-mail-text = Ta povezava izvira iz preizkusnega e-poštnega sporočila ali iz predogleda e-novic. Ne pripada nobeni naročnini, zato se ni nič spremenilo.

# The public archive (issue 23).
archive-title = Arhiv
archive-empty = Objavljena ni bila še nobena izdaja.
archive-feed-title = Arhiv e-novic
archive-feed-link = Vir novih izdaj
archive-neutral-email = vaš e-poštni naslov
archive-view-in-browser = Oglejte si to izdajo v brskalniku
archive-other-languages = Ta izdaja v drugih jezikih
archive-all-issues = Vse izdaje

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Preverjamo, ali ste človek in ne program… To traja nekaj sekund.
subscribe-pow-done = Preverjanje je končano. Obrazec lahko pošljete.
subscribe-pow-failed = Preverjanja ni bilo mogoče izvesti. Znova naložite stran in poskusite še enkrat.
subscribe-pow-noscript = Da bi preprečili samodejne prijave, ta obrazec od vašega brskalnika zahteva, da opravi majhen izračun. Za prijavo vklopite JavaScript za to stran.
error-pow = Preverjanje, da ste človek, manjka, je poteklo ali je bilo že uporabljeno. Počakajte, da se preverjanje konča, in znova pošljite obrazec.
