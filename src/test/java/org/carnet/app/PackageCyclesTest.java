package org.carnet.app;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Packages depend one way (the map is in the README's developer section): a cycle between any two packages of
 * org.carnet, subpackages included, fails the build.
 * <p>
 * The compiled templates and their typed facade (Templates, StaticTemplates) are generated into jte's own
 * package, gg.jte.generated.precompiled, outside this graph: the facade names the parameter types of every
 * template, so inside org.carnet it would tie each package that renders a page to all the others.
 */
class PackageCyclesTest {

    @Test
    void thePackageGraphHasNoCycle() {
        JavaClasses carnet = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.carnet");
        // (**) makes each package, subpackages too, a slice of its own.
        slices().matching("org.carnet.(**)").should().beFreeOfCycles().check(carnet);
    }
}
