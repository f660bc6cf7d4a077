# Μηνύματα email: υποσέλιδο κάθε δελτίου και μήνυμα επιβεβαίωσης (διπλή συγκατάθεση).
# Τα ορίσματα περιγράφονται στο locales/en/mail.ftl.

## Υποσέλιδο κάθε δελτίου

mail-footer-why = Λαμβάνετε αυτό το email επειδή εγγραφήκατε στο ενημερωτικό δελτίο του φορέα { $organisation }.
mail-footer-unsubscribe = Απεγγραφή
mail-footer-preferences = Αλλαγή προτιμήσεων
mail-footer-imprint = Νομικές πληροφορίες
mail-fallback-note = Αυτό το τεύχος δεν είναι ακόμη διαθέσιμο στη γλώσσα σας ({ $requested }). Ακολουθεί η έκδοση στη γλώσσα: { $used }
mail-name-fallback = αγαπητοί αναγνώστες

## Μήνυμα επιβεβαίωσης

confirm-mail-subject = Επιβεβαιώστε την εγγραφή σας στο ενημερωτικό δελτίο του φορέα { $organisation }
# Το όνομα παραλείπεται: στα ελληνικά η προσφώνηση θέλει κλητική, που δεν σχηματίζεται αυτόματα.
confirm-mail-greeting =
    { EMPTY($name) ->
        [true] Γεια σας,
       *[false] Γεια σας,
    }
confirm-mail-body = Εσείς (ή κάποιος που χρησιμοποίησε τη διεύθυνση email σας) ζητήσατε να λαμβάνετε το ενημερωτικό δελτίο του φορέα { $organisation }. Επιβεβαιώστε την εγγραφή σας μέσω του παρακάτω συνδέσμου.
confirm-mail-button = Επιβεβαίωση εγγραφής
confirm-mail-expiry =
    { $hours ->
        [one] Ο σύνδεσμος ισχύει για { $hours } ώρα.
       *[other] Ο σύνδεσμος ισχύει για { $hours } ώρες.
    }
confirm-mail-ignore = Αν δεν κάνατε εσείς την εγγραφή, αγνοήστε αυτό το email· δεν θα λάβετε τίποτα από εμάς.

# The mail frame, in the reader's language.
mail-footer-privacy = Πολιτική απορρήτου
mail-sender-unnamed = Ενημερωτικό δελτίο
mail-footer-why-unnamed = Λαμβάνετε αυτό το μήνυμα επειδή εγγραφήκατε σε αυτό το ενημερωτικό δελτίο.

mail-test-subject-prefix = [Δοκιμή]
