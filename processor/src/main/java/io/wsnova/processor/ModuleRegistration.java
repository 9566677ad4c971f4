package io.wsnova.processor;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ModuleElement.ExportsDirective;
import javax.lang.model.element.ModuleElement.ProvidesDirective;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * In a named module, {@code META-INF/services} is ignored and the runtime may not reach packages the module
 * keeps to itself. A processor cannot write {@code module-info.java}, so this check asks the user to open
 * the way, at compile time rather than with a failing {@code connect}: register the adapter's provider with
 * {@code provides}, and the runtime finds it with {@code ServiceLoader}, no reflection; or export the
 * handler's package to {@code io.wsnova.runtime} (or to everyone), and the runtime finds it by name.
 *
 * <p>Checked in the last round: a {@code provides} naming an adapter shows among the module's directives
 * only once the adapter exists. (While any processor reports an error, javac also reports such a
 * {@code provides} as "does not have a default constructor": the adapter was not there when it first looked.)
 */
final class ModuleRegistration {
  static final String RUNTIME_MODULE = "io.wsnova.runtime";

  /** Handler class name to its adapter's provider, for handlers in named modules. */
  private final Map<String, String> handlers = new LinkedHashMap<>();

  void add(HandlerModel model, ProcessingEnvironment env) {
    ModuleElement module = env.getElementUtils().getModuleOf(model.type());
    if (module != null && !module.isUnnamed()) {
      handlers.put(model.type().getQualifiedName().toString(),
          model.adapterClass().canonicalName() + "." + AdapterWriter.PROVIDER);
    }
  }

  void check(ProcessingEnvironment env) {
    handlers.forEach((name, provider) -> {
      TypeElement type = env.getElementUtils().getTypeElement(name);
      if (type != null) {
        check(type, provider, env);
      }
    });
    handlers.clear();
  }

  private static void check(TypeElement type, String provider, ProcessingEnvironment env) {
    ModuleElement module = env.getElementUtils().getModuleOf(type);
    CharSequence pkg = env.getElementUtils().getPackageOf(type).getQualifiedName();
    for (ModuleElement.Directive d : module.getDirectives()) {
      if (d instanceof ProvidesDirective p && p.getService().getQualifiedName()
          .contentEquals(RuntimeTypes.ADAPTER_PROVIDER.canonicalName())
          && p.getImplementations().stream().anyMatch(i -> i.getQualifiedName().contentEquals(provider))) {
        return;
      }
      if (d instanceof ExportsDirective e && e.getPackage().getQualifiedName().contentEquals(pkg)
          && (e.getTargetModules() == null
              || e.getTargetModules().stream().anyMatch(m -> m.getQualifiedName().contentEquals(RUNTIME_MODULE)))) {
        return;
      }
    }
    env.getMessager().printMessage(Diagnostic.Kind.ERROR, Message.MODULE_HIDES_ADAPTER.format(
        module.getQualifiedName(), RuntimeTypes.ADAPTER_PROVIDER.canonicalName(), provider, pkg, RUNTIME_MODULE), type);
  }
}
