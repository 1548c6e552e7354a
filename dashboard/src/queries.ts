// Every request the dashboard sends, typed by graphql-codegen's client preset.
// One operation per panel (and one per pillar for progress), so a pillar whose
// subgraph is down only empties what it owns: in one big operation a missing
// non-null field would null the whole response.
import { graphql } from './gql';

/** Plan outline and members (political-security). */
export const outlineQuery = graphql(`
  query DashboardOutline {
    countries { code name { en zh } }
    plan {
      chapters { code title { en zh } sections { code title { en zh } subsections { code title { en zh } } } }
      actions { number pillar text { en zh } chapter { code } section { code parent { code } } }
    }
  }
`);

// Progress of each pillar's own actions: plan.actions comes from political-security,
// progress from the subgraph owning the action type.
export const politicalSecurityProgressQuery = graphql(`
  query DashboardProgressPoliticalSecurity($year: Int!) {
    plan {
      actions {
        number
        ... on FrameworkAction { progress(year: $year) { countryCode status provenance { synthetic } } }
        ... on PoliticalSecurityAction { progress(year: $year) { countryCode status provenance { synthetic } } }
      }
    }
  }
`);

export const economyProgressQuery = graphql(`
  query DashboardProgressEconomy($year: Int!) {
    plan { actions { number ... on EconomicAction { progress(year: $year) { countryCode status provenance { synthetic } } } } }
  }
`);

export const socialCulturalProgressQuery = graphql(`
  query DashboardProgressSocialCultural($year: Int!) {
    plan { actions { number ... on SocialCulturalAction { progress(year: $year) { countryCode status provenance { synthetic } } } } }
  }
`);

/** Projects and funding by year, sector and country (economy rollups). */
export const fundingQuery = graphql(`
  query DashboardFunding($all: ProjectAggregateFilter!, $inYear: ProjectAggregateFilter!, $syntheticInYear: ProjectAggregateFilter!) {
    byYear: projectAggregates(groupBy: [YEAR], filter: $all) { year projectCount committedUsd disbursedUsd }
    bySector: projectAggregates(groupBy: [SECTOR], filter: $inYear) { sectorCode projectCount committedUsd disbursedUsd }
    byCountry: projectAggregates(groupBy: [COUNTRY], filter: $inYear) { countryCode projectCount committedUsd disbursedUsd }
    syntheticBySector: projectAggregates(groupBy: [SECTOR], filter: $syntheticInYear) { sectorCode projectCount }
  }
`);

/** Project sites for the positioned chart, with the water stations beside them. */
export const projectLocationsQuery = graphql(`
  query DashboardProjectLocations($filter: ProjectFilter, $stations: WaterStationFilter) {
    projects(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          id
          title { en zh }
          sectorCode
          status
          totals { committedUsd }
          locations { name lat lon }
          provenance { synthetic }
        }
      }
    }
    waterStations(filter: $stations, first: 50) { edges { node { id name river countryCode lat lon provenance { synthetic } } } }
  }
`);

/** One water station's monthly water level over a year. */
export const waterLevelQuery = graphql(`
  query DashboardWaterLevel($stations: WaterStationFilter, $from: DateTime!, $to: DateTime!) {
    waterStations(filter: $stations, first: 1) {
      totalCount
      edges {
        node {
          id
          name
          river
          countryCode
          floodStage
          alarmStage
          provenance { synthetic }
          series(property: WATER_LEVEL, from: $from, to: $to, bucket: MONTH) { start count min max mean }
        }
      }
    }
  }
`);

/** Monthly dengue cases of each member (social-cultural). */
export const healthCasesQuery = graphql(`
  query DashboardHealthCases($disease: Disease!, $from: DateTime!, $to: DateTime!) {
    CN: healthSeries(disease: $disease, countryCode: "CN", from: $from, to: $to, bucket: MONTH) { start sum }
    KH: healthSeries(disease: $disease, countryCode: "KH", from: $from, to: $to, bucket: MONTH) { start sum }
    LA: healthSeries(disease: $disease, countryCode: "LA", from: $from, to: $to, bucket: MONTH) { start sum }
    MM: healthSeries(disease: $disease, countryCode: "MM", from: $from, to: $to, bucket: MONTH) { start sum }
    TH: healthSeries(disease: $disease, countryCode: "TH", from: $from, to: $to, bucket: MONTH) { start sum }
    VN: healthSeries(disease: $disease, countryCode: "VN", from: $from, to: $to, bucket: MONTH) { start sum }
  }
`);

/** Meetings of the mechanism in a year (political-security). */
export const meetingsQuery = graphql(`
  query DashboardMeetings($filter: MeetingFilter) {
    meetings(filter: $filter, first: 100) {
      totalCount
      edges { node { id type date title { en zh } hostCountries { code } provenance { synthetic } } }
    }
  }
`);
