package org.steward.portal.demo;

import java.util.List;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.catalog.Classification;
import org.steward.workflow.catalog.Dataset;
import org.steward.workflow.catalog.Department;
import org.steward.portal.signin.CitySignIn;
import org.steward.workflow.people.PeopleService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo city of the embedded default: three departments, three datasets, nine people (password "demo"). With the
 * city sign-in configured, the people come from the provider: the demo city keeps its departments and groups only.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "steward.demo-data", havingValue = "true")
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "demo";
    /** The demo people's user ids; each has the address {@code <id>@example.org}. */
    static final List<String> PEOPLE = List.of("alex", "sam", "fiona", "pat", "dana", "wes", "frank", "admin",
            "audrey");
    static final String EMAIL_DOMAIN = "@example.org";

    private final CatalogService catalog;
    private final PeopleService people;
    private final DemoCity demoCity;
    private final CitySignIn city;

    DemoData(CatalogService catalog, PeopleService people, DemoCity demoCity, CitySignIn city) {
        this.catalog = catalog;
        this.people = people;
        this.demoCity = demoCity;
        this.city = city;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        demoCity.recheck();
        if (catalog.department("CD").isPresent()) {
            return;
        }
        group("staff-cd", "Community Development staff");
        group("staff-pw", "Public Works staff");
        group("staff-fin", "Finance staff");
        group("stewards-pw", "Public Works data stewards");
        group("stewards-fin", "Finance data stewards");
        group("custodians-pw", "Public Works data custodians");
        group("custodians-fin", "Finance data custodians");
        group("privacy-office", "Privacy office");
        group("admins", "Process admins");
        group("camunda-admin", "Camunda administrators");
        group("auditors", "Auditors");

        person("alex", "Alex", "Anders", "staff-cd");
        person("sam", "Sam", "Sorensen", "stewards-pw");
        person("fiona", "Fiona", "Fischer", "stewards-fin");
        person("pat", "Pat", "Patel", "privacy-office");
        person("dana", "Dana", "Dalton");
        person("wes", "Wes", "Weller", "custodians-pw");
        person("frank", "Frank", "Franklin", "custodians-fin");
        person("admin", "Admin", "Adams", "admins", "camunda-admin");
        person("audrey", "Audrey", "Auden", "auditors");

        catalog.saveDepartment(new Department("CD", "Community Development", "staff-cd", null, null, "dana"));
        Department pw = catalog.saveDepartment(
                new Department("PW", "Public Works", "staff-pw", "stewards-pw", "custodians-pw", "wes"));
        Department fin = catalog.saveDepartment(
                new Department("FIN", "Finance", "staff-fin", "stewards-fin", "custodians-fin", "frank"));

        catalog.saveDataset(new Dataset("PW-STREET-CENTERLINES", "Street centerlines",
                "The city's street network as line segments, with names and speed limits.", pw,
                Classification.PUBLIC, false, List.of("segment_id", "street_name", "geometry", "speed_limit")));
        catalog.saveDataset(new Dataset("PW-WORK-ORDERS", "Street maintenance work orders",
                "Every street maintenance job: where, what kind, when it opened and closed, what it cost.", pw,
                Classification.INTERNAL, false,
                List.of("work_order_id", "street_segment", "work_type", "opened_on", "closed_on", "cost")));
        catalog.saveDataset(new Dataset("FIN-UTILITY-ACCOUNTS", "Utility billing accounts",
                "Water and sewer billing accounts, with the account holder and monthly usage.", fin,
                Classification.CONFIDENTIAL, true,
                List.of("account_id", "service_address", "account_type", "owner_name", "monthly_usage")));
    }

    private void group(String id, String name) {
        people.createGroup(id, name);
    }

    private void person(String id, String first, String last, String... groups) {
        if (city.configured()) {
            // Nobody with a known password where people sign in through the city's provider.
            return;
        }
        if (!people.exists(id)) {
            people.createPerson(id, first, last, id + EMAIL_DOMAIN, PASSWORD);
        }
        for (String group : groups) {
            people.addToGroup(id, group);
        }
    }
}
