# Avalikud lehed: tellimine, kinnitamine, tellimuse lõpetamine, seaded, vead.
# Argumendid on kirjeldatud failis locales/en/public.ftl. Pöördumine: „teie“.
# „organisatsiooni { $organisation }“: nimi jääb nimetavasse käändesse ega vaja käänamist.

## Kõik lehed

site-language-label = Keel
site-imprint-link = Õiguslik teave
site-privacy-link = Privaatsuspoliitika

## Tellimisvorm

subscribe-title = Uudiskirja tellimine
subscribe-intro = Saate organisatsiooni { $organisation } uudiseid e-postiga oma keeles. Tellimine on tasuta ja selle saab igal ajal lõpetada.
subscribe-email-label = E-posti aadress
subscribe-name-label = Nimi (valikuline)
subscribe-language-label = Uudiskirja keel
subscribe-topics-legend = Teemad
subscribe-topics-hint = Valige teemad, mis teid huvitavad.
subscribe-region-label = Piirkond (valikuline)
subscribe-region-none = Kindel piirkond puudub
subscribe-audience-label = Mis teid kõige paremini kirjeldab?
subscribe-audience-citizen = ELi kodanik
subscribe-audience-counsellor = Nõustaja või nõustamiskeskus
subscribe-audience-organisation = Organisatsioon või kogukond
subscribe-consent-v1 = Nõustun, et organisatsioon { $organisation } säilitab minu e-posti aadressi ja eespool esitatud andmeid, et saata mulle uudiskirja. Kõigepealt saan e-kirja, millega tellimuse kinnitan. Võin oma nõusoleku igal ajal tagasi võtta, näiteks iga uudiskirja lõpus oleva lingi kaudu.
subscribe-privacy-note = Kuidas me teie andmeid töötleme, saate lugeda meie privaatsuspoliitikast.
subscribe-submit = Telli
subscribe-honeypot-label = Jätke see väli tühjaks

## Pärast tellimist

subscribe-check-inbox-title = Palun vaadake oma postkasti
subscribe-check-inbox-text = Saatsime e-kirja aadressile { $email }. Tellimuse kinnitamiseks klõpsake palun kirjas oleval lingil.
subscribe-check-inbox-spam = Kas mõne minuti pärast pole kirja ikka tulnud? Vaadake palun ka rämpsposti kausta.

## Kinnituslink

confirm-success-title = Tellimus on kinnitatud
confirm-success-text = Aitäh! Nüüdsest saate meie uudiskirja. Seadeid saate muuta või tellimuse lõpetada igal ajal iga uudiskirja lõpus olevate linkide kaudu.
confirm-invalid-title = See link on vigane või aegunud
confirm-invalid-text = Kinnituslingid kehtivad ainult piiratud aja jooksul ja neid saab kasutada ainult ühe korra. Sisestage oma e-posti aadress ja me saadame teile uue lingi.
confirm-resend-button = Saada uus link
confirm-page-title = Kinnitage tellimus
confirm-page-text = Palun kinnitage allpool oleva nupuga, et soovite meie uudiskirja saada.
confirm-page-button = Kinnita tellimus
confirm-page-ignore = Kui te ei ole uudiskirja tellinud, sulgege lihtsalt see leht. Ilma kinnituseta te uudiskirja ei saa.

## Tellimuse lõpetamine

unsubscribe-title = Tellimuse lõpetamine
unsubscribe-question = Kas te tõesti ei soovi enam uudiskirja saada?
unsubscribe-button = Lõpeta tellimus
unsubscribe-preferences-link = Või muutke hoopis teemasid ja keelt
unsubscribe-done-title = Tellimus on lõpetatud
unsubscribe-done-text = Te ei saa enam uudiskirja. Kui see juhtus kogemata, saate selle igal ajal uuesti tellida.
unsubscribe-resubscribe-link = Telli uuesti

## Seaded

preferences-title = Teie seaded
preferences-intro = Siin saate muuta oma uudiskirja keelt ja teemasid.
preferences-save = Salvesta seaded
preferences-saved = Teie seaded on salvestatud.
preferences-delete-title = Teie andmete kustutamine
preferences-delete-warning = Sellega kustutatakse teie tellimus ja kõik andmed, mida me teie kohta säilitame. Seda ei saa tagasi võtta.
preferences-delete-button = Kustuta kõik minu andmed
preferences-erased-title = Teie andmed on kustutatud
preferences-erased-text = Kustutasime teie tellimuse ja isikuandmed. Säilitame ainult märke, et sellele aadressile ei tohi enam e-kirju saata.

## Vead ja vormi kontroll

error-not-found-title = Lehte ei leitud
error-not-found-text = Soovitud lehte ei ole olemas. Palun kontrollige aadressi.
error-bad-request-title = Vigane päring
error-bad-request-text = Teie päringut ei õnnestunud töödelda. Palun minge tagasi ja proovige uuesti.
error-rate-limited-title = Liiga palju päringuid
error-rate-limited-text = Teie ühendusest tuli liiga palju päringuid. Palun proovige mõne minuti pärast uuesti.
error-internal-title = Midagi läks valesti
error-internal-text = Meie poolel tekkis ootamatu viga. Palun proovige hiljem uuesti.
error-home-link = Mine tellimislehele
error-form-summary = Palun kontrollige sisestatud andmeid.
error-email-invalid = Palun sisestage kehtiv e-posti aadress.
error-email-local-ascii = Sellele aadressile ei saa me e-kirju saata: enne @-märki võivad olla ainult tähed a–z ilma täppide ja muude märkideta (mitte õ, ä, ö, ü), numbrid ja märgid nagu . _ - +.
error-consent-missing = Palun andke nõusolek oma andmete töötlemiseks, et saaksime teile uudiskirja saata.
error-language-unknown = Palun valige üks pakutud keeltest.
error-unavailable-title = Teenus on ajutiselt kättesaamatu
error-unavailable-text = Teenus ei saa praegu oma andmebaasiga ühendust. Teie varem sisestatud andmed ei ole kaduma läinud. Palun proovige minuti pärast uuesti.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Nõustun, et organisatsioon { $organisation } säilitab ja kasutab minu e-posti aadressi ja eespool esitatud andmeid, et saata mulle e-posti teel uudiskirja valitud teemadel. Kõigepealt saan e-kirja, millega tellimuse kinnitan. Võin oma nõusoleku igal ajal edaspidiseks tagasi võtta, näiteks iga uudiskirja lõpus oleva tellimusest loobumise lingi kaudu.
erase-confirm-title = Kas soovite tõesti kõik oma andmed kustutada?
erase-confirm-text = Kustutame teie e-posti aadressi, nime, teemad ja seaded. Te ei saa enam uudiskirja. Seda ei saa tagasi võtta.
erase-confirm-button = Jah, kustuta kõik minu andmed
erase-confirm-cancel = Ei, jäta minu andmed alles
unsubscribed-status-text = Olete tellimusest loobunud ega saa enam uudiskirja.
data-link = Vaadake andmeid, mida me teie kohta säilitame
data-title = Teie andmed
data-intro = Need on kõik andmed, mida me teie kohta säilitame. Võite need alla laadida ka failina.
data-download = Laadi alla failina (JSON)
data-profile-heading = Teie isikuandmed
data-signed-up = Tellimise kuupäev
data-consent-heading = Teie nõusolekud ja muudatused
data-consent-when = Millal
data-consent-action = Mis
data-consent-version = Teksti versioon
data-deliveries-heading = Teile saadetud uudiskirjad
data-delivery-issue = Number
data-delivery-sent = Saatmise kuupäev
data-deliveries-none = Teile pole veel ühtegi uudiskirja saadetud.
data-none = puudub
data-action-signup = Tellimine
data-action-confirm = Kinnitamine
data-action-preferences = Seadete muutmine
data-action-unsubscribe = Tellimusest loobumine
data-action-import = Lisatud organisatsiooni poolt
data-action-erase = Andmete kustutamine
data-action-bounce = Aadress ei ole kättesaadav
data-action-complaint = Rämpspostiks märkimine
data-action-suppression_lifted = Aadressi blokeering tühistatud

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Liigu sisu juurde
site-accessibility-link = Ligipääsetavuse teatis
site-contact-label = Kontakt
site-legal-label = Õiguslik teave
site-back-to-website = Tagasi veebisaidile
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = uudiskirja toimetus
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Uudiskiri

test-mail-title = See oli testkiri
test-mail-text = See link pärineb testkirjast või uudiskirja eelvaatest. See ei kuulu ühegi tellimuse juurde, seega midagi ei muudetud.

# The public archive (issue 23).
archive-title = Arhiiv
archive-empty = Ühtegi numbrit pole veel avaldatud.
archive-feed-title = Uudiskirja arhiiv
archive-feed-link = Uute numbrite voog
archive-neutral-email = teie e-posti aadress
archive-view-in-browser = Vaadake seda numbrit brauseris
archive-other-languages = See number teistes keeltes
archive-all-issues = Kõik numbrid

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Kontrollime, kas olete inimene, mitte programm… See võtab mõne sekundi.
subscribe-pow-done = Kontroll on tehtud. Võite vormi saata.
subscribe-pow-failed = Kontrolli ei õnnestunud teha. Laadige leht uuesti ja proovige veel kord.
subscribe-pow-noscript = Automaatsete liitumiste tõrjumiseks laseb see vorm teie brauseril lahendada väikese arvutusülesande. Liitumiseks lülitage selle lehe jaoks JavaScript sisse.
error-pow = Kontroll, kas olete inimene, puudub, on aegunud või on juba kasutatud. Oodake, kuni kontroll on tehtud, ja saatke vorm uuesti.
