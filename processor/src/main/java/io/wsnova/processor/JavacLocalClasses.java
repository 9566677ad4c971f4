package io.wsnova.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Local and anonymous classes with callback annotations, found in javac's syntax trees (the element API
 * does not reach into method bodies). Elsewhere (Eclipse's compiler, or javac behind a wrapping
 * processing environment) it finds nothing; Eclipse's compiler reports such methods through
 * {@code getElementsAnnotatedWith} instead.
 */
final class JavacLocalClasses {
  private JavacLocalClasses() {}

  static List<TypeElement> find(ProcessingEnvironment env, Set<? extends Element> roots) {
    Trees trees;
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      return List.of();
    }
    Set<CompilationUnitTree> units = new LinkedHashSet<>();
    for (Element root : roots) {
      TreePath path = trees.getPath(root);
      if (path != null) {
        units.add(path.getCompilationUnit());
      }
    }
    List<TypeElement> found = new ArrayList<>();
    for (CompilationUnitTree unit : units) {
      new TreePathScanner<Void, Void>() {
        private int methodDepth;

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
          methodDepth++;
          try {
            return super.visitMethod(tree, unused);
          } finally {
            methodDepth--;
          }
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          if (methodDepth > 0 || getCurrentPath().getParentPath().getLeaf() instanceof com.sun.source.tree.NewClassTree) {
            Element e = trees.getElement(getCurrentPath());
            if (e instanceof TypeElement type && declaresCallbacks(type)) {
              found.add(type);
            }
          }
          return super.visitClass(tree, unused);
        }
      }.scan(unit, null);
    }
    return found;
  }

  private static boolean declaresCallbacks(TypeElement type) {
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!HandlerValidator.callbacksOn(m).isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
