// Project P (eventhandler_project.go):
//   Project P -> Namespace <spec.namespace>
extension GraphStore {
    func applyProject(_ project: ProjectReferences) {
        deleteVertex(.project, "", project.name)
        if let namespace = project.namespace {
            addEdgeLocked(getOrCreateVertex(.project, "", project.name), getOrCreateVertex(.namespace, "", namespace))
        }
    }
}
