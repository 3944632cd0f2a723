package io.channelbook.ui.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.commandhandling.RoutingKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module boundaries Maven cannot express. The ui module's test classpath holds every module's classes, so the
 * rules see the whole product.
 */
class ArchitectureTest {

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.channelbook");
    }

    @Test
    void shared_api_should_only_depend_on_the_jdk_and_axon_routing_annotations() {
        classes().that().resideInAPackage("io.channelbook.api..")
                .should().onlyDependOnClassesThat(
                        resideInAnyPackage("java..", "io.channelbook.api..", "org.axonframework.modelling.command..")
                                .or(equivalentTo(RoutingKey.class)))
                .check(product);
    }

    @Test
    void command_side_should_not_depend_on_query_side_or_ui() {
        noClasses().that().resideInAPackage("io.channelbook.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.channelbook.query..", "io.channelbook.ui..")
                .check(product);
    }

    @Test
    void query_side_should_not_depend_on_command_side_or_ui() {
        noClasses().that().resideInAPackage("io.channelbook.query..")
                .should().dependOnClassesThat().resideInAnyPackage("io.channelbook.command..", "io.channelbook.ui..")
                .check(product);
    }

    @Test
    void ui_should_not_touch_command_side_or_query_side_except_to_host_them() {
        noClasses().that().resideInAPackage("io.channelbook.ui..")
                .and().resideOutsideOfPackage("io.channelbook.ui.standalone..")
                .should().dependOnClassesThat().resideInAnyPackage("io.channelbook.command..", "io.channelbook.query..")
                .check(product);
    }

    @Test
    void standalone_hosting_should_only_import_the_side_configurations() {
        classes().that().resideInAnyPackage("io.channelbook.command..", "io.channelbook.query..")
                .and().haveSimpleNameNotEndingWith("Configuration")
                .should().onlyHaveDependentClassesThat().resideOutsideOfPackage("io.channelbook.ui..")
                .check(product);
    }

    @Test
    void aggregates_should_not_be_public() {
        classes().that().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                .should().notBePublic()
                .check(product);
    }
}
