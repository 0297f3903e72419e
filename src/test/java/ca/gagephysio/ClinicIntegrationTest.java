package ca.gagephysio;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port, with MockMvc as well. Every integration test uses exactly this (and no
 * per-class properties or mock beans), so the test run starts one Spring context and reuses it. Error pages are
 * rendered by the servlet container's error dispatch, which MockMvc does not perform: test them through
 * {@link LiveServer}. {@link ClinicTestConfiguration} adds a clock tests can move.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(ClinicTestConfiguration.class)
public @interface ClinicIntegrationTest {

}
