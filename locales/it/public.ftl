# Pagine pubbliche: iscrizione, conferma, disiscrizione, preferenze, errori.
# Gli argomenti sono descritti in locales/en/public.ftl. Forma di cortesia: «Lei».

## Tutte le pagine

site-language-label = Lingua
site-imprint-link = Note legali
site-privacy-link = Informativa sulla privacy

## Modulo di iscrizione

subscribe-title = Iscrizione alla newsletter
subscribe-intro = Riceva per e-mail le notizie di { $organisation }, nella Sua lingua. L'iscrizione è gratuita e può annullarla in qualsiasi momento.
subscribe-email-label = Indirizzo e-mail
subscribe-name-label = Nome (facoltativo)
subscribe-language-label = Lingua della newsletter
subscribe-topics-legend = Argomenti
subscribe-topics-hint = Scelga gli argomenti che Le interessano.
subscribe-region-label = Regione (facoltativo)
subscribe-region-none = Nessuna regione in particolare
subscribe-audience-label = Che cosa La descrive meglio?
subscribe-audience-citizen = Cittadina o cittadino dell'UE
subscribe-audience-counsellor = Consulente o centro di consulenza
subscribe-audience-organisation = Organizzazione o comunità
subscribe-consent-v1 = Acconsento a che { $organisation } conservi il mio indirizzo e-mail e i dati indicati sopra per inviarmi la newsletter. Riceverò prima un'e-mail per confermare la mia iscrizione. Posso revocare il consenso in qualsiasi momento, ad esempio tramite il link presente in ogni newsletter.
subscribe-privacy-note = Come trattiamo i Suoi dati è spiegato nella nostra informativa sulla privacy.
subscribe-submit = Iscriversi
subscribe-honeypot-label = Lasci vuoto questo campo

## Dopo l'iscrizione

subscribe-check-inbox-title = Controlli la Sua casella di posta
subscribe-check-inbox-text = Abbiamo inviato un'e-mail a { $email }. Clicchi sul link contenuto nel messaggio per confermare l'iscrizione.
subscribe-check-inbox-spam = Nessuna e-mail dopo qualche minuto? Controlli anche la cartella della posta indesiderata.

## Link di conferma

confirm-success-title = Iscrizione confermata
confirm-success-text = Grazie! D'ora in poi riceverà la nostra newsletter. Può modificare le preferenze o annullare l'iscrizione in qualsiasi momento con i link in fondo a ogni newsletter.
confirm-invalid-title = Questo link non è valido o è scaduto
confirm-invalid-text = I link di conferma sono validi solo per un tempo limitato e possono essere usati una sola volta. Inserisca il Suo indirizzo e-mail e Le invieremo un nuovo link.
confirm-resend-button = Invia un nuovo link
confirm-page-title = Confermi l'iscrizione
confirm-page-text = Confermi con il pulsante qui sotto che desidera ricevere la nostra newsletter.
confirm-page-button = Conferma l'iscrizione
confirm-page-ignore = Se non ha richiesto l'iscrizione, chiuda semplicemente questa pagina. Senza conferma non riceverà alcuna newsletter.

## Disiscrizione

unsubscribe-title = Annulla l'iscrizione
unsubscribe-question = Vuole davvero smettere di ricevere la newsletter?
unsubscribe-button = Annulla l'iscrizione
unsubscribe-preferences-link = Oppure modifichi gli argomenti e la lingua
unsubscribe-done-title = L'iscrizione è stata annullata
unsubscribe-done-text = Non riceverà più la newsletter. Se si è trattato di un errore, può iscriversi di nuovo in qualsiasi momento.
unsubscribe-resubscribe-link = Iscriversi di nuovo

## Preferenze

preferences-title = Le Sue preferenze
preferences-intro = Qui può modificare la lingua e gli argomenti della Sua newsletter.
preferences-save = Salva le preferenze
preferences-saved = Le Sue preferenze sono state salvate.
preferences-delete-title = Cancellare i Suoi dati
preferences-delete-warning = In questo modo si cancellano la Sua iscrizione e tutti i dati che conserviamo su di Lei. L'operazione non può essere annullata.
preferences-delete-button = Cancella tutti i miei dati
preferences-erased-title = I Suoi dati sono stati cancellati
preferences-erased-text = Abbiamo cancellato la Sua iscrizione e i Suoi dati personali. Conserviamo solo un'annotazione del fatto che a questo indirizzo non devono più essere inviate e-mail.

## Errori e verifica del modulo

error-not-found-title = Pagina non trovata
error-not-found-text = La pagina richiesta non esiste. Verifichi l'indirizzo.
error-bad-request-title = Richiesta non valida
error-bad-request-text = Non è stato possibile elaborare la Sua richiesta. Torni indietro e riprovi.
error-rate-limited-title = Troppe richieste
error-rate-limited-text = Dalla Sua connessione sono arrivate troppe richieste. Riprovi tra qualche minuto.
error-internal-title = Qualcosa è andato storto
error-internal-text = Si è verificato un errore imprevisto da parte nostra. Riprovi più tardi.
error-home-link = Vai alla pagina di iscrizione
error-form-summary = Verifichi i dati inseriti.
error-email-invalid = Inserisca un indirizzo e-mail valido.
error-email-local-ascii = Non possiamo inviare e-mail a questo indirizzo: prima della @ possono esserci solo lettere senza accenti (a–z), numeri e caratteri come . _ - +.
error-consent-missing = Acconsenta al trattamento dei Suoi dati, così potremo inviarLe la newsletter.
error-language-unknown = Scelga una delle lingue proposte.
error-unavailable-title = Temporaneamente non disponibile
error-unavailable-text = Al momento il servizio non riesce a connettersi al proprio database. Nulla di quanto ha inserito in precedenza è andato perso. Riprovi tra un minuto.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Acconsento a che { $organisation } conservi e utilizzi il mio indirizzo e-mail e i dati indicati sopra per inviarmi via e-mail la newsletter sui temi scelti. Riceverò prima un'e-mail per confermare la mia iscrizione. Posso revocare il consenso in qualsiasi momento con effetto per il futuro, ad esempio tramite il link di disiscrizione presente in ogni newsletter.
erase-confirm-title = Vuole davvero cancellare tutti i Suoi dati?
erase-confirm-text = Cancelleremo il Suo indirizzo e-mail, il Suo nome, i Suoi temi e le Sue preferenze. Non riceverà più la newsletter. L'operazione non può essere annullata.
erase-confirm-button = Sì, cancella tutti i miei dati
erase-confirm-cancel = No, conserva i miei dati
unsubscribed-status-text = Ha annullato l'iscrizione e non riceve più la newsletter.
data-link = Visualizza i dati che conserviamo su di Lei
data-title = I Suoi dati
data-intro = Questi sono tutti i dati che conserviamo su di Lei. Può anche scaricarli come file.
data-download = Scarica come file (JSON)
data-profile-heading = I Suoi dati personali
data-signed-up = Data di iscrizione
data-consent-heading = I Suoi consensi e le modifiche
data-consent-when = Quando
data-consent-action = Che cosa
data-consent-version = Versione del testo
data-deliveries-heading = Newsletter inviate a Lei
data-delivery-issue = Numero
data-delivery-sent = Data di invio
data-deliveries-none = Non Le è stata ancora inviata nessuna newsletter.
data-none = nessuno
data-action-signup = Iscrizione
data-action-confirm = Conferma
data-action-preferences = Modifica delle preferenze
data-action-unsubscribe = Annullamento dell'iscrizione
data-action-import = Aggiunta dall'organizzazione
data-action-erase = Cancellazione dei dati
data-action-bounce = Indirizzo non raggiungibile
data-action-complaint = Segnalazione come spam
data-action-suppression_lifted = Blocco dell’indirizzo revocato

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Vai al contenuto
site-accessibility-link = Dichiarazione di accessibilità
site-contact-label = Contatti
site-legal-label = Note legali
site-back-to-website = Torna al sito web
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = la redazione della newsletter
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Notiziario

test-mail-title = Era un'e-mail di prova
test-mail-text = Questo link proviene da un'e-mail di prova o da un'anteprima della newsletter. Non corrisponde ad alcuna iscrizione, quindi non è stato modificato nulla.

# The public archive (issue 23).
archive-title = Archivio
archive-empty = Non è ancora stato pubblicato alcun numero.
archive-feed-title = Archivio della newsletter
archive-feed-link = Feed dei nuovi numeri
archive-neutral-email = il Suo indirizzo e-mail
archive-view-in-browser = Visualizzi questo numero nel browser
archive-other-languages = Questo numero in altre lingue
archive-all-issues = Tutti i numeri

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Stiamo verificando che Lei sia una persona e non un programma… Ci vuole qualche secondo.
subscribe-pow-done = Verifica completata. Può inviare il modulo.
subscribe-pow-failed = Non è stato possibile eseguire la verifica. Ricarichi la pagina e riprovi.
subscribe-pow-noscript = Per bloccare le iscrizioni automatiche, questo modulo fa risolvere al Suo browser un piccolo calcolo. Per iscriversi, attivi JavaScript per questa pagina.
error-pow = La verifica che Lei sia una persona manca, è scaduta o è già stata usata. Attenda che la verifica sia completata e invii di nuovo il modulo.
