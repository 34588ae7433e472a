func runAdmissionBench(_ arguments: [String]) throws {
    print("admission: no benchmark cases yet")
}
