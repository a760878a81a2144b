package org.steward.portal.task;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.catalog.Department;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.Frequency;
import org.steward.workflow.request.RecipientType;
import org.steward.workflow.request.RequestText;
import org.springframework.stereotype.Component;

/** What a reviewer reads of a request before deciding, on the task page and on an email link's page alike. */
@Component
class RequestSummaries {

    private final CatalogService catalog;
    private final TaskWords words;

    RequestSummaries(CatalogService catalog, TaskWords words) {
        this.catalog = catalog;
        this.words = words;
    }

    RequestSummary of(DataRequest request) {
        RequestText text = request.text();
        Map<String, Dataset> datasets = catalog.datasetsByCode(
                text.datasets().stream().map(RequestText.DatasetWanted::code).toList());
        List<RequestSummary.DatasetLine> lines = text.datasets().stream().map(wanted -> {
            Dataset dataset = datasets.get(wanted.code());
            String elements = wanted.elements().isEmpty()
                    ? "All elements" + (dataset == null ? "" : ": " + String.join(", ", dataset.getElements()))
                    : String.join(", ", wanted.elements());
            return new RequestSummary.DatasetLine(wanted.code(), dataset == null ? wanted.code() : dataset.getName(),
                    dataset == null ? "" : dataset.getDepartment().getName(),
                    dataset == null || dataset.getClassification() == null ? ""
                            : capitalised(dataset.getClassification().name()),
                    dataset != null && dataset.isPii(), elements);
        }).toList();
        return new RequestSummary(request.getReference(), request.getTitle(), words.person(request.getRequester()),
                departmentName(request.getRequestingDepartment()),
                words.status(request.getStatus(), request.getStatusStep()), text.purpose(), text.legalBasis(),
                recipient(text.recipient()), frequency(text.frequency()), text.deliveryMethod(), text.retention(),
                text.securityControls(), words.date(text.startDate()), words.date(text.endDate()),
                words.dateTime(request.getCreatedAt()), request.getRevision(), lines);
    }

    private String recipient(RequestText.Recipient recipient) {
        if (recipient == null || recipient.type() == null) {
            return "";
        }
        if (recipient.type() == RecipientType.INTERNAL) {
            return departmentName(recipient.department()) + ", a city department";
        }
        return recipient.organisation() + ", outside the city"
                + (recipient.signatoryName() == null ? "" : "; signs for it: " + recipient.signatoryName()
                        + (recipient.signatoryEmail() == null ? "" : " <" + recipient.signatoryEmail() + ">"));
    }

    private String departmentName(String code) {
        if (code == null) {
            return "";
        }
        return catalog.department(code).map(Department::getName).map(name -> name + " (" + code + ")").orElse(code);
    }

    private static String frequency(Frequency frequency) {
        if (frequency == null) {
            return "";
        }
        return switch (frequency) {
            case ONE_TIME -> "Once";
            case RECURRING -> "Recurring, again and again";
        };
    }

    private static String capitalised(String constant) {
        String words = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
