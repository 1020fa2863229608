package dev.tierdeck.identity;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets controllers declare a {@link CurrentUser} parameter. */
@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<CurrentUsers> currentUsers;

    // a provider, so that MVC test slices of other modules (which load WebMvcConfigurers but not the
    // identity module's components) start without it
    IdentityWebConfiguration(ObjectProvider<CurrentUsers> currentUsers) {
        this.currentUsers = currentUsers;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        currentUsers.ifAvailable(users -> resolvers.add(new CurrentUserArgumentResolver(users)));
    }
}
