# Julkiset sivut: tilaus, vahvistus, tilauksen peruminen, asetukset, virheet.
# Argumentit on kuvattu tiedostossa locales/en/public.ftl.
# ”organisaation { $organisation }”: nimi pysyy perusmuodossa, eikä sitä tarvitse taivuttaa.

## Kaikki sivut

site-language-label = Kieli
site-imprint-link = Oikeudelliset tiedot
site-privacy-link = Tietosuojaseloste

## Tilauslomake

subscribe-title = Tilaa uutiskirje
subscribe-intro = Saat uutisia organisaatiolta { $organisation } sähköpostiisi omalla kielelläsi. Tilaus on maksuton, ja voit perua sen milloin tahansa.
subscribe-email-label = Sähköpostiosoite
subscribe-name-label = Nimi (vapaaehtoinen)
subscribe-language-label = Uutiskirjeen kieli
subscribe-topics-legend = Aiheet
subscribe-topics-hint = Valitse aiheet, jotka kiinnostavat sinua.
subscribe-region-label = Alue (vapaaehtoinen)
subscribe-region-none = Ei tiettyä aluetta
subscribe-audience-label = Mikä kuvaa sinua parhaiten?
subscribe-audience-citizen = EU-kansalainen
subscribe-audience-counsellor = Neuvonnan työntekijä tai neuvontapalvelu
subscribe-audience-organisation = Järjestö tai yhteisö
subscribe-consent-v1 = Hyväksyn, että organisaatio { $organisation } tallentaa sähköpostiosoitteeni ja yllä antamani tiedot lähettääkseen minulle uutiskirjeen. Saan ensin sähköpostiviestin, jolla vahvistan tilaukseni. Voin perua suostumukseni milloin tahansa esimerkiksi jokaisessa uutiskirjeessä olevan linkin kautta.
subscribe-privacy-note = Voit lukea tietosuojaselosteestamme, miten käsittelemme tietojasi.
subscribe-submit = Tilaa
subscribe-honeypot-label = Jätä tämä kenttä tyhjäksi

## Tilauksen jälkeen

subscribe-check-inbox-title = Tarkista sähköpostisi
subscribe-check-inbox-text = Lähetimme sähköpostiviestin osoitteeseen { $email }. Vahvista tilauksesi napsauttamalla viestissä olevaa linkkiä.
subscribe-check-inbox-spam = Eikö viestiä ole tullut muutamassa minuutissa? Tarkista myös roskapostikansio.

## Vahvistuslinkki

confirm-success-title = Tilaus vahvistettu
confirm-success-text = Kiitos! Saat tästä lähtien uutiskirjeemme. Voit muuttaa asetuksiasi tai perua tilauksen milloin tahansa jokaisen uutiskirjeen lopussa olevien linkkien kautta.
confirm-invalid-title = Linkki on virheellinen tai vanhentunut
confirm-invalid-text = Vahvistuslinkit ovat voimassa vain rajoitetun ajan, ja niitä voi käyttää vain kerran. Anna sähköpostiosoitteesi, niin lähetämme sinulle uuden linkin.
confirm-resend-button = Lähetä uusi linkki
confirm-page-title = Vahvista tilauksesi
confirm-page-text = Vahvista alla olevalla painikkeella, että haluat saada uutiskirjeemme.
confirm-page-button = Vahvista tilaus
confirm-page-ignore = Jos et tilannut uutiskirjettä, sulje tämä sivu. Ilman vahvistusta et saa uutiskirjettä.

## Tilauksen peruminen

unsubscribe-title = Tilauksen peruminen
unsubscribe-question = Haluatko varmasti lopettaa uutiskirjeen tilauksen?
unsubscribe-button = Peru tilaus
unsubscribe-preferences-link = Tai muuta sen sijaan aiheita ja kieltä
unsubscribe-done-title = Tilaus on peruttu
unsubscribe-done-text = Et saa enää uutiskirjettä. Jos tämä oli vahinko, voit tilata sen uudelleen milloin tahansa.
unsubscribe-resubscribe-link = Tilaa uudelleen

## Asetukset

preferences-title = Asetuksesi
preferences-intro = Täällä voit muuttaa uutiskirjeesi kieltä ja aiheita.
preferences-save = Tallenna asetukset
preferences-saved = Asetuksesi on tallennettu.
preferences-delete-title = Poista tietosi
preferences-delete-warning = Tämä poistaa tilauksesi ja kaikki sinusta tallentamamme tiedot. Toimintoa ei voi perua.
preferences-delete-button = Poista kaikki tietoni
preferences-erased-title = Tietosi on poistettu
preferences-erased-text = Olemme poistaneet tilauksesi ja henkilötietosi. Säilytämme vain merkinnän siitä, että tähän osoitteeseen ei saa enää lähettää sähköpostia.

## Virheet ja lomakkeen tarkistus

error-not-found-title = Sivua ei löytynyt
error-not-found-text = Pyytämääsi sivua ei ole olemassa. Tarkista osoite.
error-bad-request-title = Virheellinen pyyntö
error-bad-request-text = Pyyntöäsi ei voitu käsitellä. Palaa takaisin ja yritä uudelleen.
error-rate-limited-title = Liian monta pyyntöä
error-rate-limited-text = Yhteydestäsi tuli liian monta pyyntöä. Yritä uudelleen muutaman minuutin kuluttua.
error-internal-title = Jotain meni vikaan
error-internal-text = Meillä tapahtui odottamaton virhe. Yritä myöhemmin uudelleen.
error-home-link = Siirry tilaussivulle
error-form-summary = Tarkista antamasi tiedot.
error-email-invalid = Anna kelvollinen sähköpostiosoite.
error-email-local-ascii = Emme voi lähettää sähköpostia tähän osoitteeseen: ennen @-merkkiä voi olla vain kirjaimia a–z ilman tarkkeita (ei ä, ö tai å), numeroita ja merkkejä kuten . _ - +.
error-consent-missing = Anna suostumuksesi tietojesi käsittelyyn, jotta voimme lähettää sinulle uutiskirjeen.
error-language-unknown = Valitse jokin tarjolla olevista kielistä.
error-unavailable-title = Tilapäisesti poissa käytöstä
error-unavailable-text = Palvelu ei juuri nyt saa yhteyttä tietokantaansa. Aiemmin antamasi tiedot eivät ole kadonneet. Yritä uudelleen minuutin kuluttua.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Hyväksyn, että organisaatio { $organisation } tallentaa ja käyttää sähköpostiosoitettani ja yllä antamiani tietoja lähettääkseen minulle sähköpostitse uutiskirjeen valitsemistani aiheista. Saan ensin sähköpostiviestin, jolla vahvistan tilaukseni. Voin perua suostumukseni milloin tahansa tulevaisuuden osalta esimerkiksi jokaisessa uutiskirjeessä olevan peruutuslinkin kautta.
erase-confirm-title = Haluatko varmasti poistaa kaikki tietosi?
erase-confirm-text = Poistamme sähköpostiosoitteesi, nimesi, aiheesi ja asetuksesi. Et saa enää uutiskirjettä. Toimintoa ei voi perua.
erase-confirm-button = Kyllä, poista kaikki tietoni
erase-confirm-cancel = Ei, säilytä tietoni
unsubscribed-status-text = Olet perunut tilauksen etkä enää saa uutiskirjettä.
data-link = Katso sinusta tallentamamme tiedot
data-title = Tietosi
data-intro = Tässä ovat kaikki tiedot, jotka olemme sinusta tallentaneet. Voit myös ladata ne tiedostona.
data-download = Lataa tiedostona (JSON)
data-profile-heading = Antamasi tiedot
data-signed-up = Tilattu
data-consent-heading = Suostumuksesi ja muutokset
data-consent-when = Milloin
data-consent-action = Mitä
data-consent-version = Tekstin versio
data-deliveries-heading = Sinulle lähetetyt uutiskirjeet
data-delivery-issue = Numero
data-delivery-sent = Lähetetty
data-deliveries-none = Sinulle ei ole vielä lähetetty uutiskirjettä.
data-none = ei mitään
data-action-signup = Tilaus
data-action-confirm = Vahvistus
data-action-preferences = Asetusten muutos
data-action-unsubscribe = Tilauksen peruutus
data-action-import = Organisaation lisäämä
data-action-erase = Tietojen poisto
data-action-bounce = Osoite ei tavoitettavissa
data-action-complaint = Ilmoitus roskapostiksi
data-action-suppression_lifted = Osoitteen esto poistettu

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Siirry sisältöön
site-accessibility-link = Saavutettavuusseloste
site-contact-label = Yhteystiedot
site-legal-label = Oikeudelliset tiedot
site-back-to-website = Takaisin verkkosivustolle
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = uutiskirjeen toimitus
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Uutiskirje

test-mail-title = Tämä oli testiviesti
test-mail-text = Tämä linkki on peräisin testiviestistä tai uutiskirjeen esikatselusta. Se ei liity mihinkään tilaukseen, joten mitään ei muutettu.

# The public archive (issue 23).
archive-title = Arkisto
archive-empty = Numeroita ei ole vielä julkaistu.
archive-feed-title = Uutiskirjeen arkisto
archive-feed-link = Uusien numeroiden syöte
archive-neutral-email = sähköpostiosoitteesi
archive-view-in-browser = Katso tämä numero selaimessa
archive-other-languages = Tämä numero muilla kielillä
archive-all-issues = Kaikki numerot

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Tarkistamme, että olet ihminen etkä ohjelma… Tämä kestää muutaman sekunnin.
subscribe-pow-done = Tarkistus on valmis. Voit lähettää lomakkeen.
subscribe-pow-failed = Tarkistusta ei voitu tehdä. Lataa sivu uudelleen ja yritä uudestaan.
subscribe-pow-noscript = Automaattisten tilausten torjumiseksi tämä lomake antaa selaimesi ratkaista pienen laskutehtävän. Ota JavaScript käyttöön tällä sivulla, jotta voit tilata.
error-pow = Tarkistus siitä, että olet ihminen, puuttuu, on vanhentunut tai on jo käytetty. Odota, kunnes tarkistus on valmis, ja lähetä lomake uudelleen.
