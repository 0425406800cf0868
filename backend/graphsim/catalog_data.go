// Code generated from Microsoft's "Product names and service plan identifiers for licensing" CSV
// (only the products the demo MSP uses); DO NOT EDIT by hand. Row order is the CSV's.

package graphsim

// catalogPlanTable holds each distinct (service plan name, id, friendly name) row part once.
var catalogPlanTable = [...]catalogPlan{
	{"YAMMER_ENTERPRISE", "7547a3fe-08ee-4ccb-b430-5077c5041653", "YAMMER_ENTERPRISE"},                                                       // 0
	{"EXCHANGE_S_STANDARD", "9aaf7827-d63c-4b61-89c3-182f06f82e5c", "EXCHANGE ONLINE (PLAN 1)"},                                              // 1
	{"SWAY", "a23b959c-7ce8-4e57-9140-b90eb88a9e97", "SWAY"},                                                                                 // 2
	{"SHAREPOINTWAC", "e95bec33-7c88-4a70-8e19-b10bd9d0c014", "OFFICE ONLINE"},                                                               // 3
	{"SHAREPOINTSTANDARD", "c7699d2e-19aa-44de-8edf-1736da088ca1", "SHAREPOINTSTANDARD"},                                                     // 4
	{"PROJECTWORKMANAGEMENT", "b737dad2-2f6c-4c65-90e3-ca563267e8b9", "MICROSOFT PLANNE"},                                                    // 5
	{"POWERAPPS_O365_P1", "92f7a6f3-b89b-4bbd-8c30-809e6da5ad1c", "POWERAPPS FOR OFFICE 365"},                                                // 6
	{"OFFICEMOBILE_SUBSCRIPTION", "c63d4d19-e8cb-460e-b37c-4d6c34603745", "OFFICEMOBILE_SUBSCRIPTION"},                                       // 7
	{"MCOSTANDARD", "0feaeb32-d00e-4d66-bd5a-43b5b83db82c", "SKYPE FOR BUSINESS ONLINE (PLAN 2)"},                                            // 8
	{"FORMS_PLAN_E1", "159f4cd6-e380-449f-a816-af1a9ef76344", "MICROSOFT FORMS (PLAN E1)"},                                                   // 9
	{"FLOW_O365_P1", "0f9b09cb-62d1-4ff4-9129-43f4996f83f4", "FLOW FOR OFFICE 365"},                                                          // 10
	{"BPOS_S_TODO_1", "5e62787c-c316-451f-b873-1d05acd4d12c", "To-Do (Plan 1)"},                                                              // 11
	{"TEAMS1", "57ff2da0-773e-42df-b2af-ffb7a2317929", "TEAMS1"},                                                                             // 12
	{"M365_LIGHTHOUSE_CUSTOMER_PLAN1", "6f23d6a9-adbf-481c-8538-b4c095654487", "Microsoft 365 Lighthouse (Plan 1)"},                          // 13
	{"MICROSOFT_LOOP", "c4b8c31a-fb44-4c65-9837-a21f55fcabda", "Microsoft Loop"},                                                             // 14
	{"KAIZALA_O365_P2", "54fc630f-5a40-48ee-8965-af0503c1386e", "Microsoft Kaizala Pro"},                                                     // 15
	{"FORMS_PLAN_E1", "159f4cd6-e380-449f-a816-af1a9ef76344", "Microsoft Forms (Plan E1)"},                                                   // 16
	{"CLIPCHAMP", "a1ace008-72f3-4ea0-8dac-33b3a23a2472", "Microsoft Clipchamp"},                                                             // 17
	{"MICROSOFTBOOKINGS", "199a5c09-e0ca-4e37-8f7c-b05d533e1ea2", "Microsoft Bookings"},                                                      // 18
	{"CDS_O365_P2", "95b76021-6a53-4741-ab8b-1d1f3d66a95a", "Common Data Service for Teams"},                                                 // 19
	{"MYANALYTICS_P2", "33c4f319-9bdd-48d6-9c4d-410b750a4a5a", "Insights by MyAnalytics"},                                                    // 20
	{"EXCHANGE_S_STANDARD", "9aaf7827-d63c-4b61-89c3-182f06f82e5c", "Exchange Online (Plan 1)"},                                              // 21
	{"Bing_Chat_Enterprise", "0d0c0d31-fae7-41f2-b909-eaf4d7f26dba", "Commercial data protection for Microsoft Copilot"},                     // 22
	{"PROJECTWORKMANAGEMENT", "b737dad2-2f6c-4c65-90e3-ca563267e8b9", "Microsoft Planner"},                                                   // 23
	{"MESH_AVATARS_ADDITIONAL_FOR_TEAMS", "3efbd4ed-8958-4824-8389-1321f8730af8", "Avatars for Teams (additional)"},                          // 24
	{"MESH_AVATARS_FOR_TEAMS", "dcf9d2f4-772e-4434-b757-77a453cfbc02", "Avatars for Teams"},                                                  // 25
	{"DYN365BC_MS_INVOICING", "39b5c996-467e-4e60-bd62-46066f572726", "Microsoft Invoicing"},                                                 // 26
	{"OFFICE_BUSINESS", "094e7854-93fc-4d55-b2c0-3ab5369ebdc1", "Microsoft 365 Apps for business"},                                           // 27
	{"MICROSOFT_SEARCH", "94065c59-bc8e-4e8b-89e5-5138d471eaff", "Microsoft Search"},                                                         // 28
	{"Nucleus", "db4d623d-b514-490b-b7ef-8885eee514de", "Nucleus"},                                                                           // 29
	{"TEAMS1", "57ff2da0-773e-42df-b2af-ffb7a2317929", "Microsoft Teams"},                                                                    // 30
	{"POWER_VIRTUAL_AGENTS_O365_P2", "041fe683-03e4-45b6-b1af-c0cdc516daee", "Power Virtual Agents for Office 365"},                          // 31
	{"FLOW_O365_P1", "0f9b09cb-62d1-4ff4-9129-43f4996f83f4", "Power Automate for Office 365"},                                                // 32
	{"POWERAPPS_O365_P1", "92f7a6f3-b89b-4bbd-8c30-809e6da5ad1c", "Power Apps for Office 365"},                                               // 33
	{"RMS_S_BASIC", "31cf2cfc-6b0d-4adc-a336-88b724ed8122", "Microsoft Azure Rights Management Service"},                                     // 34
	{"DYN365_CDS_O365_P2", "4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14", "Common Data Service"},                                                    // 35
	{"YAMMER_ENTERPRISE", "7547a3fe-08ee-4ccb-b430-5077c5041653", "Yammer Enterprise"},                                                       // 36
	{"WHITEBOARD_PLAN1", "b8afc642-032e-4de5-8c0a-507a7bba7e5d", "Whiteboard (Plan 1)"},                                                      // 37
	{"VIVA_LEARNING_SEEDED", "b76fb638-6ba6-402a-b9f9-83d28acb3d86", "Viva Learning Seeded"},                                                 // 38
	{"VIVAENGAGE_CORE", "a82fbf69-b4d7-49f4-83a6-915b2cf354f4", "Viva Engage Core"},                                                          // 39
	{"STREAM_O365_SMB", "3c53ea51-d578-46fa-a4c0-fd0a92809a60", "Stream for Office 365"},                                                     // 40
	{"MCOSTANDARD", "0feaeb32-d00e-4d66-bd5a-43b5b83db82c", "Skype for Business Online (Plan 2)"},                                            // 41
	{"SHAREPOINTSTANDARD", "c7699d2e-19aa-44de-8edf-1736da088ca1", "SharePoint (Plan 1)"},                                                    // 42
	{"O365_SB_Relationship_Management", "5bfe124c-bbdc-4494-8835-f1297d457d79", "RETIRED - Outlook Customer Manager"},                        // 43
	{"PROJECT_O365_P2", "31b4e2fc-4cd6-4e7d-9c1b-41407303bd66", "Project for Office (Plan E3)"},                                              // 44
	{"SHAREPOINTWAC", "e95bec33-7c88-4a70-8e19-b10bd9d0c014", "Office for the Web"},                                                          // 45
	{"INTUNE_O365", "882e1d05-acd1-4ccb-8708-6ee03664b117", "Mobile Device Management for Office 365"},                                       // 46
	{"Deskless", "8c7d2df8-86f0-4902-b2ed-a0458298f3b3", "Microsoft StaffHub"},                                                               // 47
	{"SWAY", "a23b959c-7ce8-4e57-9140-b90eb88a9e97", "Sway"},                                                                                 // 48
	{"POWER_VIRTUAL_AGENTS_O365_P3", "ded3d325-1bdc-453e-8432-5bac26d7a014", "Power Virtual Agents for Office 365"},                          // 49
	{"PURVIEW_DISCOVERY", "c948ea65-2053-4a5a-8a62-9eaaaf11b522", "Purview Discovery"},                                                       // 50
	{"OFFICE_SHARED_COMPUTER_ACTIVATION", "276d6e8a-f056-4f70-b7e8-4fc27f79f809", "Office Shared Computer Activation"},                       // 51
	{"STREAM_O365_E1", "743dd19e-1ce3-4c62-a3ad-49ba8f63a2f6", "Microsoft Stream for Office 365 E1"},                                         // 52
	{"PROJECT_O365_P3", "b21a6b06-1988-436e-a07b-51ec6d9f52ad", "Project for Office (Plan E5)"},                                              // 53
	{"INTUNE_A", "c1ec4a95-1f05-45b3-a911-aa3fa01094f5", "Microsoft Intune Plan 1"},                                                          // 54
	{"DYN365_CDS_O365_P3", "28b0fa46-c39a-4188-89e2-58e979a6b014", "Common Data Service"},                                                    // 55
	{"AAD_PREMIUM", "41781fb2-bc02-4b7c-bd55-b576c07bb09d", "Microsoft Entra ID P1"},                                                         // 56
	{"ADALLOM_S_DISCOVERY", "932ad362-64a8-4783-9106-97849a1a30b9", "Microsoft Defender for Cloud Apps Discovery"},                           // 57
	{"MFA_PREMIUM", "8a256a2b-b617-496d-b51b-e76466e88db0", "Microsoft Azure Multi-Factor Authentication"},                                   // 58
	{"RMS_S_PREMIUM", "6c57d4b6-3b23-47a5-9bc9-69f17b4947b3", "Azure Information Protection Premium P1"},                                     // 59
	{"AAD_SMB", "de377cbc-0019-4ec2-b77c-3f223947e102", "Azure Active Directory"},                                                            // 60
	{"WINDOWSUPDATEFORBUSINESS_DEPLOYMENTSERVICE", "7bf960f6-2cd9-443a-8046-5dbff9558365", "Windows Update for Business Deployment Service"}, // 61
	{"WINBIZ", "8e229017-d77b-43d5-9305-903395523b99", "Windows 10/11 Business"},                                                             // 62
	{"UNIVERSAL_PRINT_01", "795f6fe0-cc4d-4773-b050-5dde4dc704c9", "Universal Print"},                                                        // 63
	{"INTUNE_SMBIZ", "8e9ff0ff-aa7a-4b20-83c1-2f636b600ac2", "Microsoft Intune"},                                                             // 64
	{"MDE_SMB", "bfc1bbd9-981b-4f71-9b82-17c35fd0e2a4", "Microsoft Defender for Business"},                                                   // 65
	{"CDS_O365_P3", "afa73018-811e-46e9-988f-f75d2b1b8430", "Common Data Service for Teams"},                                                 // 66
	{"BPOS_S_DlpAddOn", "9bec7e34-c9fa-40b7-a9d1-bd6d1165c7ed", "Data Loss Prevention"},                                                      // 67
	{"EXCHANGE_S_FOUNDATION", "113feb6c-3fe4-4440-bddc-54d774bf0318", "Exchange Foundation"},                                                 // 68
	{"RMS_S_ENTERPRISE", "bea4c11e-220a-4e6d-8eb8-8ea15d019f90", "Azure Rights Management"},                                                  // 69
	{"EXCHANGE_S_ARCHIVE_ADDON", "176a09a6-7ec5-4039-ac02-b2791c6ba793", "Exchange Online Archiving"},                                        // 70
	{"ATP_ENTERPRISE", "f20fedf3-f3c3-43c3-8267-2bfdd51c0939", "Microsoft Defender for Office 365 (Plan 1)"},                                 // 71
	{"M365_LIGHTHOUSE_PARTNER_PLAN1", "d55411c9-cfff-40a9-87c7-240f14df7da5", "Microsoft 365 Lighthouse (Plan 2)"},                           // 72
	{"WHITEBOARD_PLAN2", "94a54592-cd8b-425e-87c6-97868b000b91", "Whiteboard (Plan 2)"},                                                      // 73
	{"BPOS_S_TODO_2", "c87f142c-d1e9-4363-8630-aaea9c4d9ae5", "To-Do (Plan 2)"},                                                              // 74
	{"SHAREPOINTENTERPRISE", "5dbe027f-2339-4123-9542-606e4d348a72", "SharePoint (Plan 2)"},                                                  // 75
	{"EXCHANGE_S_ENTERPRISE", "efb87545-963c-4e0d-99df-69c6916d9eb0", "Exchange Online (Plan 2)"},                                            // 76
	{"MESH_IMMERSIVE_FOR_TEAMS", "f0ff6ac6-297d-49cd-be34-6dfef97f0c28", "Immersive spaces for Teams"},                                       // 77
	{"ContentExplorer_Standard", "2b815d45-56e4-4e3a-b65c-66cb9175b560", "Information Protection and Governance Analytics – Standard"},       // 78
	{"MIP_S_CLP1", "5136a095-5cf0-4aff-bec3-e84448b38ea5", "Information Protection for Office 365 - Standard"},                               // 79
	{"OFFICESUBSCRIPTION", "43de0ff5-c92c-492b-9116-175376d08c38", "Microsoft 365 Apps for Enterprise"},                                      // 80
	{"FORMS_PLAN_E3", "2789c901-c14e-48ab-a76a-be334d9d793a", "Microsoft Forms (Plan E3)"},                                                   // 81
	{"KAIZALA_O365_P3", "aebd3021-9f8f-4bf8-bbe3-0ed2f4f047a1", "Microsoft Kaizala Pro"},                                                     // 82
	{"STREAM_O365_E3", "9e700747-8b1d-45e5-ab8d-ef187ceec156", "Microsoft Stream for Office 365 E3"},                                         // 83
	{"FLOW_O365_P2", "76846ad7-7776-4c40-a281-a386362dd1b9", "Power Automate for Office 365"},                                                // 84
	{"POWERAPPS_O365_P2", "c68f8d98-5534-41c8-bf36-22fa496fa792", "Power Apps for Office 365"},                                               // 85
	{"WIN10_PRO_ENT_SUB", "21b439ba-a0ca-424f-a6cc-52f954a5b111", "Windows 10/11 Enterprise (Original)"},                                     // 86
	{"Windows_Autopatch", "9a6eeb79-0b4b-4bf0-9808-39d99a2cd5a3", "Windows Autopatch"},                                                       // 87
	{"Bing_Chat_Enterprise", "0d0c0d31-fae7-41f2-b909-eaf4d7f26dba", "RETIRED - Commercial data protection for Microsoft Copilot"},           // 88
	{"GRAPH_CONNECTORS_SEARCH_INDEX", "a6520331-d7d4-4276-95f5-15c0933bc757", "Graph Connectors Search with Index"},                          // 89
	{"OFFICESUBSCRIPTION", "43de0ff5-c92c-492b-9116-175376d08c38", "Microsoft 365 Apps for enterprise"},                                      // 90
	{"MDE_LITE", "292cc034-7b7c-4950-aaf5-943befd3f1d4", "Microsoft Defender for Endpoint Plan 1"},                                           // 91
	{"INSIDER_RISK_MANAGEMENT", "9d0c4ee5-e4a1-4625-ab39-d82b619b1a34", "RETIRED - Microsoft Insider Risk Management"},                       // 92
	{"COMMUNICATIONS_COMPLIANCE", "41fcdd7d-4733-4863-9cf4-c65b83ce2df4", "RETIRED - Microsoft Communications Compliance"},                   // 93
	{"PREMIUM_ENCRYPTION", "617b097b-4b93-4ede-83de-5f075bb5fb2f", "Premium Encryption in Office 365"},                                       // 94
	{"BI_AZURE_P2", "70d33638-9c74-4d01-bfd3-562de28bd4ba", "Power BI Pro"},                                                                  // 95
	{"POWERAPPS_O365_P3", "9c0dab89-a30c-4117-86e7-97bda240acd2", "Power Apps for Office 365 (Plan 3)"},                                      // 96
	{"PAM_ENTERPRISE", "b1188c4c-1b36-4018-b48b-ee07604f6feb", "Office 365 Privileged Access Management"},                                    // 97
	{"ADALLOM_S_O365", "8c098270-9dd4-4350-9b30-ba4703f3b36b", "Office 365 Cloud App Security"},                                              // 98
	{"EQUIVIO_ANALYTICS", "4de31727-a228-4ec3-a5bf-8e45b5ca48cc", "Office 365 Advanced eDiscovery"},                                          // 99
	{"STREAM_O365_E5", "6c6042f5-6f01-4d67-b8c1-eb99d36eed3e", "Microsoft Stream for Office 365 E5"},                                         // 100
	{"SAFEDOCS", "bf6f5520-59e3-4f82-974b-7dbbc4fd27c7", "Office 365 SafeDocs"},                                                              // 101
	{"BPOS_S_TODO_3", "3fb82609-8c27-4f7b-bd51-30634711ee67", "To-Do (Plan 3)"},                                                              // 102
	{"FLOW_O365_P3", "07699545-9485-468e-95b6-2fca3738be01", "Power Automate for Office 365"},                                                // 103
	{"AAD_PREMIUM_P2", "eec0eb4f-6444-4f95-aba0-50c24d67f998", "Microsoft Entra ID P2"},                                                      // 104
	{"ATA", "14ab5db5-e6c4-4b20-b4bc-13e36fd2227f", "Microsoft Defender for Identity"},                                                       // 105
	{"ADALLOM_S_STANDALONE", "2e2ddb96-6af9-4b1d-a3f0-d6ecfd22edb2", "Microsoft Defender for Cloud Apps"},                                    // 106
	{"RMS_S_PREMIUM2", "5689bec4-755d-4753-8b61-40975025187c", "Azure Information Protection Premium P2"},                                    // 107
	{"MICROSOFTENDPOINTDLP", "64bfac92-2b17-4482-b5e5-a0304429de3e", "Microsoft Endpoint DLP"},                                               // 108
	{"WINDEFATP", "871d91ec-ec1a-452b-a83f-bd76c7d770ef", "Microsoft Defender for Endpoint"},                                                 // 109
	{"WHITEBOARD_PLAN3", "4a51bca5-1eff-43f5-878c-177680f191af", "Whiteboard (Plan 3)"},                                                      // 110
	{"RECORDS_MANAGEMENT", "65cc641f-cccd-4643-97e0-a17e3045e541", "Microsoft Records Management"},                                           // 111
	{"Defender_for_Iot_Enterprise", "99cd49a9-0e54-4e07-aea1-d8d9f5f704f5", "Defender for IoT - Enterprise IoT Security"},                    // 112
	{"EXCHANGE_ANALYTICS", "34c0d7a0-a70f-4668-9238-47f9fc208882", "Microsoft MyAnalytics (Full)"},                                           // 113
	{"MIP_S_CLP2", "efb0351d-3b08-4503-993d-383af8de41e3", "Information Protection for Office 365 - Premium"},                                // 114
	{"Content_Explorer", "d9fa6af4-e046-4c89-9226-729a0786685d", "Information Protection and Governance Analytics - Premium"},                // 115
	{"INFORMATION_BARRIERS", "c4801e8a-cb58-4c35-aca6-f2dcc106f287", "Information Barriers"},                                                 // 116
	{"MIP_S_Exchange", "cd31b152-6326-4d1b-ae1b-997b625182e6", "Data Classification in Microsoft 365"},                                       // 117
	{"CustomerLockboxA_Enterprise", "3ec18638-bd4c-4d3b-8905-479ed636b83e", "Customer Lockbox (A)"},                                          // 118
	{"LOCKBOX_ENTERPRISE", "9f431833-0334-42de-a7dc-70aa40db46db", "Customer Lockbox"},                                                       // 119
	{"M365_ADVANCED_AUDITING", "2f442157-a11c-46b9-ae5b-6e39ff4e5849", "Microsoft 365 Advanced Auditing"},                                    // 120
	{"M365_AUDIT_PLATFORM", "f6de4823-28fa-440b-b886-4783fa86ddba", "Microsoft 365 Audit Platform"},                                          // 121
	{"ML_CLASSIFICATION", "d2d51368-76c9-4317-ada2-a12c004c432f", "Microsoft ML-Based Classification"},                                       // 122
	{"KAIZALA_STANDALONE", "0898bdbb-73b0-471a-81e5-20f1fe4dd66e", "Microsoft Kaizala Pro"},                                                  // 123
	{"INSIDER_RISK", "d587c7a3-bda9-4f99-8776-9bcf59c84f75", "Microsoft Insider Risk Management"},                                            // 124
	{"INFO_GOVERNANCE", "e26c2fcc-ab91-4a61-b35c-03cdc8dddf66", "Microsoft Information Governance"},                                          // 125
	{"MCOMEETADV", "3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40", "Microsoft 365 Audio Conferencing"},                                               // 126
	{"EXCEL_PREMIUM", "531ee2f8-b1cb-453b-9c21-d2180d014ca5", "Microsoft Excel Advanced Analytics"},                                          // 127
	{"THREAT_INTELLIGENCE", "8e0c0a52-6a6c-4d40-8370-dd62790dcd70", "Microsoft Defender for Office 365 (Plan 2)"},                            // 128
	{"FORMS_PLAN_E5", "e212cbc7-0961-4c40-9825-01117710dcb1", "Microsoft Forms (Plan E5)"},                                                   // 129
	{"CUSTOMER_KEY", "6db1f1db-2b46-403f-be40-e39395f08dbb", "Microsoft Customer Key"},                                                       // 130
	{"COMMUNICATIONS_DLP", "6dc145d6-95dd-4191-b9c3-185575ee6f6b", "Microsoft Communications DLP"},                                           // 131
	{"MCOEV", "4828c8ec-dc2e-4779-b502-87ac9ce28ab7", "Microsoft 365 Phone System"},                                                          // 132
	{"MTP", "bf28f719-7844-4079-9c78-c1307898e192", "Microsoft 365 Defender"},                                                                // 133
	{"MICROSOFT_COMMUNICATION_COMPLIANCE", "a413a9ff-720c-4822-98ef-2f37c2a21f4c", "Microsoft 365 Communication Compliance"},                 // 134
	{"DATA_INVESTIGATIONS", "46129a58-a698-46f0-aa5b-17f6586297d9", "Microsoft Data Investigations"},                                         // 135
	{"MFA_PREMIUM", "8a256a2b-b617-496d-b51b-e76466e88db0", "MICROSOFT AZURE MULTI-FACTOR AUTHENTICATION"},                                   // 136
	{"ADALLOM_S_DISCOVERY", "932ad362-64a8-4783-9106-97849a1a30b9", "CLOUD APP SECURITY DISCOVERY"},                                          // 137
	{"EXCHANGE_S_FOUNDATION", "113feb6c-3fe4-4440-bddc-54d774bf0318", "EXCHANGE FOUNDATION"},                                                 // 138
	{"MCOEV", "4828c8ec-dc2e-4779-b502-87ac9ce28ab7", "MICROSOFT 365 PHONE SYSTEM"},                                                          // 139
	{"ONEDRIVE_BASIC", "da792a53-cbc0-4184-a10d-e544dd34b3c1", "ONEDRIVE FOR BUSINESS BASIC"},                                                // 140
	{"VISIO_CLIENT_SUBSCRIPTION", "663a804f-1c30-4ff0-9915-9db84f0d1cea", "VISIO DESKTOP APP"},                                               // 141
	{"VISIOONLINE", "2bdbaf8f-738f-4ac7-9234-3c3ee2ce7d0f", "VISIO WEB APP"},                                                                 // 142
	{"PROJECT_PROFESSIONAL", "818523f5-016b-4355-9be8-ed6944946ea7", "Project P3"},                                                           // 143
	{"SHAREPOINT_PROJECT", "fe71d6c3-a2ea-4499-9778-da042bf08063", "Project Online Service"},                                                 // 144
	{"PROJECT_CLIENT_SUBSCRIPTION", "fafd7243-e5c1-4a3a-9e40-495efcb1d3c3", "Project Online Desktop Client"},                                 // 145
	{"SHAREPOINTWAC", "e95bec33-7c88-4a70-8e19-b10bd9d0c014", "Office for the web"},                                                          // 146
	{"FLOW_FOR_PROJECT", "fa200448-008c-4acb-abd4-ea106ed2199d", "Flow for Project"},                                                         // 147
	{"DYN365_CDS_PROJECT", "50554c47-71d9-49fd-bc54-42a2765c555c", "Common Data Service for Project"},                                        // 148
	{"DYN365_CDS_VIRAL", "17ab22cd-a0b3-4536-910a-cb6eb12696c0", "COMMON DATA SERVICE"},                                                      // 149
	{"FLOW_P2_VIRAL", "50e68c76-46c6-4674-81f9-75456511b170", "FLOW FREE"},                                                                   // 150
	{"BI_AZURE_P0", "2049e525-b859-401b-b2a0-e0a31c4b1fe4", "Power BI (free)"},                                                               // 151
}

// catalogProducts lists the products; Plans index catalogPlanTable in CSV row order.
var catalogProducts = [...]catalogProduct{
	{"Microsoft 365 Business Basic", "O365_BUSINESS_ESSENTIALS", "3b555118-da6a-4418-894f-7df1e2096870", []uint16{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
	{"Microsoft 365 Business Standard", "O365_BUSINESS_PREMIUM", "f245ecc8-75af-4f8e-b61f-27d8114de5f3", []uint16{13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 11, 40, 41, 42, 43, 44, 45, 46, 47, 48}},
	{"Microsoft 365 Business Premium", "SPB", "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", []uint16{43, 33, 32, 49, 42, 50, 46, 51, 45, 29, 52, 30, 53, 54, 55, 56, 57, 58, 47, 59, 60, 61, 62, 63, 36, 37, 38, 39, 11, 64, 28, 65, 14, 48, 26, 25, 24, 23, 66, 22, 67, 68, 21, 69, 20, 15, 70, 16, 71, 41, 18, 72, 13, 27, 17}},
	{"Office 365 E3", "ENTERPRISEPACK", "6fd2c87f-b296-42f0-b197-1e91e994b900", []uint16{30, 73, 38, 39, 74, 48, 41, 75, 44, 45, 25, 24, 69, 22, 19, 76, 77, 78, 79, 20, 80, 29, 35, 18, 81, 82, 23, 28, 47, 83, 46, 13, 84, 85, 36, 31, 71}},
	{"Microsoft 365 E3", "SPE_E3", "05e9a617-0261-4cee-bb44-138d3ef5d965", []uint16{63, 36, 73, 48, 39, 74, 86, 38, 87, 54, 59, 35, 58, 57, 56, 41, 85, 31, 61, 75, 84, 44, 88, 25, 24, 69, 19, 89, 77, 78, 79, 20, 90, 13, 72, 76, 17, 18, 29, 46, 45, 83, 47, 30, 23, 14, 82, 81, 91, 28, 71}},
	{"Microsoft 365 E5", "SPE_E5", "06ebc4ee-1bb5-47dd-8120-11324bc54e06", []uint16{47, 41, 75, 92, 93, 50, 53, 94, 95, 96, 45, 48, 97, 98, 99, 29, 46, 30, 100, 101, 102, 38, 28, 49, 103, 54, 104, 56, 105, 106, 58, 55, 107, 59, 61, 87, 86, 63, 108, 109, 36, 110, 39, 111, 112, 113, 20, 79, 114, 78, 115, 116, 77, 89, 76, 117, 118, 119, 66, 22, 69, 24, 23, 120, 90, 25, 121, 122, 14, 123, 124, 125, 126, 127, 128, 71, 129, 130, 131, 17, 18, 132, 13, 133, 134, 135}},
	{"Microsoft Entra ID P1", "AAD_PREMIUM", "078d2b04-f1bd-4111-bbd4-b4b1b354cef4", []uint16{56, 136, 137, 138}},
	{"Microsoft Teams Phone Standard", "MCOEV", "e43b5b99-8dfb-405f-9987-dc307f34bcbd", []uint16{139}},
	{"Visio Plan 2", "VISIOCLIENT", "c5928f49-12ba-48f7-ada3-0d743a3601d5", []uint16{138, 140, 141, 142}},
	{"Planner and Project Plan 3", "PROJECTPROFESSIONAL", "53818b1b-4a27-454b-8896-0dba576410e6", []uint16{143, 144, 145, 146, 147, 68, 75, 148}},
	{"Power BI Pro", "POWER_BI_PRO", "f8a1db68-be16-40ed-86d5-cb42ce701560", []uint16{95, 68}},
	{"Microsoft Power Automate Free", "FLOW_FREE", "f30db892-07e9-47e9-837c-80727f46fd3d", []uint16{149, 138, 150}},
	{"Microsoft Fabric (Free)", "POWER_BI_STANDARD", "a403ebcc-fae0-4ca2-8c8c-7a907fd6c235", []uint16{50, 151, 68}},
	{"Exchange Online (Plan 1)", "EXCHANGESTANDARD", "4b9405b0-7788-4568-add1-99614e613b69", []uint16{11, 46, 21}},
}
