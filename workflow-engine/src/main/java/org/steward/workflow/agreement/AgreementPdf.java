package org.steward.workflow.agreement;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The signed PDF of an agreement, as stored: its bytes and their SHA-256. */
@Entity
@Table(name = "agreement_pdf")
public class AgreementPdf {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Id
    private Long agreementId;
    private byte[] content;
    private String sha256;
    private Instant createdAt;

    protected AgreementPdf() {
    }

    AgreementPdf(Long agreementId, byte[] content, Instant createdAt) {
        this.agreementId = agreementId;
        this.content = content.clone();
        this.sha256 = AgreementService.sha256(content);
        this.createdAt = createdAt;
    }

    public Long getAgreementId() { return agreementId; }
    public byte[] getContent() { return content.clone(); }
    public String getSha256() { return sha256; }
    public Instant getCreatedAt() { return createdAt; }

    /**
     * Renders the agreement's document, then a signature page: each signature's evidence (who, typed name, when,
     * from which IP and browser, the hash they signed) and the document's own hash.
     */
    static byte[] render(DataSharingAgreement agreement, List<Signature> signatures) {
        String document = agreement.getText();
        String xhtml = document.stripLeading().startsWith("<") ? document
                : "<html><body><pre>" + AgreementText.esc(document) + "</pre></body></html>";
        StringBuilder page = new StringBuilder("<div style=\"page-break-before: always\" id=\"signature-page\">")
                .append("<h1>Signature page</h1>")
                .append("<p>Data-sharing agreement ").append(AgreementText.esc(agreement.getNumber()))
                .append(", version ").append(agreement.getVersion()).append(". In force from ")
                .append(AgreementText.day(agreement.getEffectiveDate())).append(" until ")
                .append(AgreementText.day(agreement.getExpiryDate())).append(".</p>")
                .append("<p>SHA-256 of the document signed (the UTF-8 bytes of its text):<br/><code>")
                .append(agreement.getSha256()).append("</code></p>")
                .append("<h2>Signatures</h2>");
        for (Signature s : signatures) {
            boolean same = agreement.getSha256().equalsIgnoreCase(s.getSha256());
            page.append("<div style=\"border: 1px solid #777777; padding: 4pt 8pt; margin-bottom: 8pt\">")
                    .append("<p style=\"margin: 2pt 0\"><b>For:</b> ").append(AgreementText.esc(s.getParties()))
                    .append("</p><p style=\"margin: 2pt 0\"><b>Signed by:</b> ")
                    .append(AgreementText.esc(s.getTypedName())).append(", who typed their full name and consented")
                    .append(" (account ").append(AgreementText.esc(s.getSigner())).append(")</p>")
                    .append("<p style=\"margin: 2pt 0\"><b>When:</b> ").append(UTC.format(s.getSignedAt()))
                    .append("</p><p style=\"margin: 2pt 0\"><b>From:</b> IP ")
                    .append(AgreementText.esc(s.getIp() == null ? "not recorded" : s.getIp())).append(", browser ")
                    .append(AgreementText.esc(s.getUserAgent() == null ? "not recorded" : s.getUserAgent()))
                    .append("</p><p style=\"margin: 2pt 0\"><b>Hash of the text signed:</b> <code>")
                    .append(AgreementText.esc(s.getSha256())).append("</code>")
                    .append(same ? " (the document's hash above)" : " (NOT the document's hash above)")
                    .append("</p></div>");
        }
        page.append("<p>Anyone on the request can check this record: Steward recomputes the hash of ")
                .append("the stored document and compares it with the hash every signatory signed.</p></div>");
        int end = xhtml.lastIndexOf("</body>");
        String full = end < 0 ? xhtml + page : xhtml.substring(0, end) + page + xhtml.substring(end);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(full, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException failure) {
            throw new IllegalStateException("The PDF of agreement " + agreement.getNumber() + " could not be made",
                    failure);
        }
    }
}
