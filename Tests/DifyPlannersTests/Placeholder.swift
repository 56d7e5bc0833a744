import Testing

@Test func placeholderDifyPlannersTests() {}
