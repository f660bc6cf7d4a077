# Δημόσιες σελίδες: εγγραφή, επιβεβαίωση, διαγραφή, προτιμήσεις, σφάλματα.
# Τα ορίσματα περιγράφονται στο locales/en/public.ftl. Προσφώνηση στον πληθυντικό ευγενείας.
# «ο φορέας { $organisation }»: το όνομα μένει στην ονομαστική και δεν χρειάζεται άρθρο.

## Όλες οι σελίδες

site-language-label = Γλώσσα
site-imprint-link = Νομικές πληροφορίες
site-privacy-link = Πολιτική απορρήτου

## Φόρμα εγγραφής

subscribe-title = Εγγραφή στο ενημερωτικό δελτίο
subscribe-intro = Λάβετε ενημερώσεις από τον φορέα { $organisation } μέσω email, στη γλώσσα σας. Η εγγραφή είναι δωρεάν και μπορείτε να τη διακόψετε ανά πάσα στιγμή.
subscribe-email-label = Διεύθυνση email
subscribe-name-label = Όνομα (προαιρετικό)
subscribe-language-label = Γλώσσα του ενημερωτικού δελτίου
subscribe-topics-legend = Θέματα
subscribe-topics-hint = Επιλέξτε τα θέματα που σας ενδιαφέρουν.
subscribe-region-label = Περιοχή (προαιρετικό)
subscribe-region-none = Καμία συγκεκριμένη περιοχή
subscribe-audience-label = Τι σας περιγράφει καλύτερα;
subscribe-audience-citizen = Πολίτης της ΕΕ
subscribe-audience-counsellor = Σύμβουλος ή συμβουλευτική υπηρεσία
subscribe-audience-organisation = Οργάνωση ή κοινότητα
subscribe-consent-v1 = Συμφωνώ να αποθηκεύει ο φορέας { $organisation } τη διεύθυνση email μου και τα παραπάνω στοιχεία, ώστε να μου αποστέλλει το ενημερωτικό δελτίο. Πρώτα θα λάβω ένα email για να επιβεβαιώσω την εγγραφή μου. Μπορώ να ανακαλέσω τη συγκατάθεσή μου ανά πάσα στιγμή, για παράδειγμα μέσω του συνδέσμου που υπάρχει σε κάθε ενημερωτικό δελτίο.
subscribe-privacy-note = Για το πώς χειριζόμαστε τα δεδομένα σας, διαβάστε την πολιτική απορρήτου μας.
subscribe-submit = Εγγραφή
subscribe-honeypot-label = Αφήστε αυτό το πεδίο κενό

## Μετά την εγγραφή

subscribe-check-inbox-title = Ελέγξτε τα εισερχόμενά σας
subscribe-check-inbox-text = Στείλαμε ένα email στη διεύθυνση { $email }. Κάντε κλικ στον σύνδεσμο που περιέχει, για να επιβεβαιώσετε την εγγραφή σας.
subscribe-check-inbox-spam = Δεν λάβατε email μετά από λίγα λεπτά; Ελέγξτε και τον φάκελο ανεπιθύμητης αλληλογραφίας.

## Σύνδεσμος επιβεβαίωσης

confirm-success-title = Η εγγραφή επιβεβαιώθηκε
confirm-success-text = Σας ευχαριστούμε! Από τώρα θα λαμβάνετε το ενημερωτικό μας δελτίο. Μπορείτε να αλλάξετε τις προτιμήσεις σας ή να απεγγραφείτε ανά πάσα στιγμή μέσω των συνδέσμων στο τέλος κάθε δελτίου.
confirm-invalid-title = Ο σύνδεσμος δεν είναι έγκυρος ή έχει λήξει
confirm-invalid-text = Οι σύνδεσμοι επιβεβαίωσης ισχύουν για περιορισμένο χρόνο και χρησιμοποιούνται μόνο μία φορά. Εισαγάγετε τη διεύθυνση email σας και θα σας στείλουμε νέο σύνδεσμο.
confirm-resend-button = Αποστολή νέου συνδέσμου
confirm-page-title = Επιβεβαιώστε την εγγραφή σας
confirm-page-text = Επιβεβαιώστε με το παρακάτω κουμπί ότι θέλετε να λαμβάνετε το ενημερωτικό μας δελτίο.
confirm-page-button = Επιβεβαίωση εγγραφής
confirm-page-ignore = Αν δεν κάνατε εσείς την εγγραφή, απλώς κλείστε αυτή τη σελίδα. Χωρίς επιβεβαίωση δεν θα λαμβάνετε το ενημερωτικό δελτίο.

## Διαγραφή από το δελτίο

unsubscribe-title = Απεγγραφή από το ενημερωτικό δελτίο
unsubscribe-question = Θέλετε πράγματι να μη λαμβάνετε πλέον το ενημερωτικό δελτίο;
unsubscribe-button = Απεγγραφή
unsubscribe-preferences-link = Ή αλλάξτε αντί γι' αυτό τα θέματα και τη γλώσσα
unsubscribe-done-title = Η απεγγραφή σας ολοκληρώθηκε
unsubscribe-done-text = Δεν θα λαμβάνετε πλέον το ενημερωτικό δελτίο. Αν έγινε κατά λάθος, μπορείτε να εγγραφείτε ξανά ανά πάσα στιγμή.
unsubscribe-resubscribe-link = Νέα εγγραφή

## Προτιμήσεις

preferences-title = Οι προτιμήσεις σας
preferences-intro = Εδώ μπορείτε να αλλάξετε τη γλώσσα και τα θέματα του ενημερωτικού σας δελτίου.
preferences-save = Αποθήκευση προτιμήσεων
preferences-saved = Οι προτιμήσεις σας αποθηκεύτηκαν.
preferences-delete-title = Διαγραφή των δεδομένων σας
preferences-delete-warning = Με αυτή την ενέργεια διαγράφονται η εγγραφή σας και όλα τα δεδομένα που διατηρούμε για εσάς. Η ενέργεια δεν μπορεί να αναιρεθεί.
preferences-delete-button = Διαγραφή όλων των δεδομένων μου
preferences-erased-title = Τα δεδομένα σας διαγράφηκαν
preferences-erased-text = Διαγράψαμε την εγγραφή σας και τα προσωπικά σας δεδομένα. Κρατάμε μόνο μια σημείωση ότι δεν επιτρέπεται πλέον η αποστολή email σε αυτή τη διεύθυνση.

## Σφάλματα και έλεγχος της φόρμας

error-not-found-title = Η σελίδα δεν βρέθηκε
error-not-found-text = Η σελίδα που ζητήσατε δεν υπάρχει. Ελέγξτε τη διεύθυνση.
error-bad-request-title = Μη έγκυρο αίτημα
error-bad-request-text = Δεν ήταν δυνατή η επεξεργασία του αιτήματός σας. Επιστρέψτε και δοκιμάστε ξανά.
error-rate-limited-title = Πάρα πολλά αιτήματα
error-rate-limited-text = Από τη σύνδεσή σας στάλθηκαν πάρα πολλά αιτήματα. Δοκιμάστε ξανά σε λίγα λεπτά.
error-internal-title = Κάτι πήγε στραβά
error-internal-text = Παρουσιάστηκε ένα απρόσμενο σφάλμα στο σύστημά μας. Δοκιμάστε ξανά αργότερα.
error-home-link = Μετάβαση στη σελίδα εγγραφής
error-form-summary = Ελέγξτε τα στοιχεία που εισαγάγατε.
error-email-invalid = Εισαγάγετε μια έγκυρη διεύθυνση email.
error-email-local-ascii = Δεν μπορούμε να στείλουμε email σε αυτή τη διεύθυνση: πριν από το @ επιτρέπονται μόνο λατινικά γράμματα χωρίς τόνους (a–z), αριθμοί και χαρακτήρες όπως . _ - +.
error-consent-missing = Δώστε τη συγκατάθεσή σας για την επεξεργασία των δεδομένων σας, ώστε να μπορούμε να σας στέλνουμε το ενημερωτικό δελτίο.
error-language-unknown = Επιλέξτε μία από τις διαθέσιμες γλώσσες.
error-unavailable-title = Η υπηρεσία είναι προσωρινά μη διαθέσιμη
error-unavailable-text = Αυτή τη στιγμή η υπηρεσία δεν μπορεί να συνδεθεί με τη βάση δεδομένων της. Τα στοιχεία που καταχωρίσατε προηγουμένως δεν έχουν χαθεί. Δοκιμάστε ξανά σε ένα λεπτό.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Συμφωνώ ο φορέας { $organisation } να αποθηκεύει και να χρησιμοποιεί τη διεύθυνση email μου και τα παραπάνω στοιχεία, ώστε να μου αποστέλλει μέσω email το ενημερωτικό δελτίο για τα θέματα που επέλεξα. Πρώτα θα λάβω ένα email για να επιβεβαιώσω την εγγραφή μου. Μπορώ να ανακαλέσω τη συγκατάθεσή μου ανά πάσα στιγμή με ισχύ για το μέλλον, για παράδειγμα μέσω του συνδέσμου διαγραφής από τη λίστα σε κάθε ενημερωτικό δελτίο.
erase-confirm-title = Θέλετε πράγματι να διαγράψετε όλα τα δεδομένα σας;
erase-confirm-text = Θα διαγράψουμε τη διεύθυνση email, το όνομα, τα θέματα και τις ρυθμίσεις σας. Δεν θα λαμβάνετε πλέον το ενημερωτικό δελτίο. Η ενέργεια δεν μπορεί να αναιρεθεί.
erase-confirm-button = Ναι, διαγραφή όλων των δεδομένων μου
erase-confirm-cancel = Όχι, να διατηρηθούν τα δεδομένα μου
unsubscribed-status-text = Έχετε διαγραφεί από τη λίστα και δεν λαμβάνετε πλέον το ενημερωτικό δελτίο.
data-link = Δείτε τα δεδομένα που διατηρούμε για εσάς
data-title = Τα δεδομένα σας
data-intro = Αυτά είναι όλα τα δεδομένα που διατηρούμε για εσάς. Μπορείτε επίσης να τα κατεβάσετε ως αρχείο.
data-download = Λήψη ως αρχείο (JSON)
data-profile-heading = Τα στοιχεία σας
data-signed-up = Ημερομηνία εγγραφής
data-consent-heading = Οι συγκαταθέσεις και οι αλλαγές σας
data-consent-when = Πότε
data-consent-action = Τι
data-consent-version = Έκδοση κειμένου
data-deliveries-heading = Ενημερωτικά δελτία που σας στάλθηκαν
data-delivery-issue = Τεύχος
data-delivery-sent = Ημερομηνία αποστολής
data-deliveries-none = Δεν σας έχει σταλεί ακόμη κανένα ενημερωτικό δελτίο.
data-none = κανένα
data-action-signup = Εγγραφή
data-action-confirm = Επιβεβαίωση
data-action-preferences = Αλλαγή ρυθμίσεων
data-action-unsubscribe = Διαγραφή από τη λίστα
data-action-import = Προσθήκη από τον φορέα
data-action-erase = Διαγραφή δεδομένων
data-action-bounce = Μη παραδόσιμη διεύθυνση
data-action-complaint = Αναφορά ως ανεπιθύμητο
data-action-suppression_lifted = Άρση του αποκλεισμού της διεύθυνσης

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Μετάβαση στο περιεχόμενο
site-accessibility-link = Δήλωση προσβασιμότητας
site-contact-label = Επικοινωνία
site-legal-label = Νομικές πληροφορίες
site-back-to-website = Επιστροφή στον ιστότοπο
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = η ομάδα του ενημερωτικού δελτίου
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Ενημερωτικό δελτίο

test-mail-title = Αυτό ήταν δοκιμαστικό email
test-mail-text = Αυτός ο σύνδεσμος προέρχεται από δοκιμαστικό email ή από προεπισκόπηση του ενημερωτικού δελτίου. Δεν αντιστοιχεί σε καμία εγγραφή, γι' αυτό δεν άλλαξε τίποτα.

# The public archive (issue 23).
archive-title = Αρχείο
archive-empty = Δεν έχουν δημοσιευτεί ακόμη τεύχη.
archive-feed-title = Αρχείο του ενημερωτικού δελτίου
archive-feed-link = Ροή των νέων τευχών
archive-neutral-email = η διεύθυνση email σας
archive-view-in-browser = Δείτε αυτό το τεύχος στο πρόγραμμα περιήγησης
archive-other-languages = Αυτό το τεύχος σε άλλες γλώσσες
archive-all-issues = Όλα τα τεύχη

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Ελέγχουμε ότι είστε άνθρωπος και όχι πρόγραμμα… Αυτό διαρκεί λίγα δευτερόλεπτα.
subscribe-pow-done = Ο έλεγχος ολοκληρώθηκε. Μπορείτε να υποβάλετε τη φόρμα.
subscribe-pow-failed = Ο έλεγχος δεν ήταν δυνατό να γίνει. Φορτώστε ξανά τη σελίδα και δοκιμάστε πάλι.
subscribe-pow-noscript = Για να αποκλείονται οι αυτόματες εγγραφές, αυτή η φόρμα ζητά από το πρόγραμμα περιήγησής σας να κάνει έναν μικρό υπολογισμό. Ενεργοποιήστε τη JavaScript για αυτή τη σελίδα για να εγγραφείτε.
error-pow = Ο έλεγχος ότι είστε άνθρωπος λείπει, έχει λήξει ή έχει ήδη χρησιμοποιηθεί. Περιμένετε να ολοκληρωθεί ο έλεγχος και υποβάλετε ξανά τη φόρμα.
