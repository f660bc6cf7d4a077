//! Returned mails as mail servers write them, for the bounce tests: a Postfix DSN and an ARF
//! abuse report.

/// A Postfix DSN: the failed recipient in the delivery-status part, sent to `to`.
pub fn dsn(to: &str, recipient: &str) -> String {
    format!(
        "Return-Path: <>\r\nDelivered-To: {to}\r\nFrom: MAILER-DAEMON@mx.example.de (Mail Delivery System)\r\n\
         To: {to}\r\nSubject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status;\r\n\
         \tboundary=\"B1\"\r\n\r\n--B1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n\
         This is the mail system at host mx.example.de.\r\n\r\n<{recipient}>: host mx.example.de said: \
         550 5.1.1 <{recipient}>: Recipient address rejected: User unknown\r\n\r\n\
         --B1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.de\r\n\r\n\
         Final-Recipient: rfc822; {recipient}\r\nOriginal-Recipient: rfc822;{recipient}\r\n\
         Action: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <{recipient}>: \
         Recipient address rejected: User unknown\r\n\r\n--B1--\r\n"
    )
}

/// An ARF abuse report about the mail `from` (our bounce address) sent to `recipient`.
pub fn arf(from: &str, recipient: &str) -> String {
    format!(
        "From: feedback@fbl.example.net\r\nTo: fbl@example.org\r\nSubject: FW: Newsletter\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=feedback-report;\r\n\
         \tboundary=\"F1\"\r\n\r\n--F1\r\nContent-Type: text/plain\r\n\r\n\
         This is an email abuse report.\r\n\r\n--F1\r\nContent-Type: message/feedback-report\r\n\r\n\
         Feedback-Type: abuse\r\nUser-Agent: ExampleFBL/1.0\r\nVersion: 1\r\n\
         Original-Mail-From: <{from}>\r\nOriginal-Rcpt-To: <{recipient}>\r\n\r\n\
         --F1\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: news@example.org\r\n\
         To: {recipient}\r\nSubject: Newsletter\r\n\r\n--F1--\r\n"
    )
}
