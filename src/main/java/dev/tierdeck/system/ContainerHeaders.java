package dev.tierdeck.system;

import dev.tierdeck.identity.TrustedIssuer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers on every response, not only those Spring Security writes: a valve first in Tomcat's engine
 * pipeline sets them before anything answers, so the request firewall's refusals ({@code //x}, {@code /a;b}) and
 * Tomcat's own error pages ({@code /%zz}) carry them too, and a filter sets them again on error dispatches (an error
 * page may follow a reset response). {@code TRACE} reaches the valve instead of Tomcat's built-in refusal, so that its
 * 405 carries them as well; it is never echoed.
 */
@Configuration(proxyBeanMethods = false)
class ContainerHeaders {

    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> securityHeadersValve(TrustedIssuer issuer) {
        return factory -> {
            factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
            factory.addEngineValves(new HeadersValve(issuer));
        };
    }

    @Bean
    FilterRegistrationBean<HeadersFilter> securityHeadersFilter(TrustedIssuer issuer) {
        FilterRegistrationBean<HeadersFilter> registration = new FilterRegistrationBean<>(new HeadersFilter(issuer));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    static final class HeadersValve extends ValveBase {

        private final TrustedIssuer issuer;

        HeadersValve(TrustedIssuer issuer) {
            super(true);
            this.issuer = issuer;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            SecurityHeaders.write(response, issuer);
            if ("TRACE".equals(request.getMethod())) {
                response.setHeader("Allow", ALLOWED_METHODS);
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                return;
            }
            getNext().invoke(request, response);
        }
    }

    static final class HeadersFilter extends OncePerRequestFilter {

        private final TrustedIssuer issuer;

        HeadersFilter(TrustedIssuer issuer) {
            this.issuer = issuer;
        }

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            SecurityHeaders.write(response, issuer);
            chain.doFilter(request, response);
        }
    }
}
